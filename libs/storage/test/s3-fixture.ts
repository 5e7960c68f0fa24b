import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from 'minio';
import { createS3Client, ObjectStore, startEmbeddedS3, type EmbeddedS3, type ObjectStoreOptions } from '../src/index.js';

export const MiB = 1024 * 1024;
const ACCESS_KEY = 'storage-test';
const SECRET_KEY = 'storage-test-secret';

/** A private s3rver (own temp folder, own port) and one bucket, for one test file. */
export class S3Fixture {
  private constructor(
    readonly s3: EmbeddedS3,
    readonly bucket: string,
    private readonly directory: string,
  ) {}

  static async start(): Promise<S3Fixture> {
    const directory = await mkdtemp(path.join(tmpdir(), 'storage-test-'));
    const s3 = await startEmbeddedS3({ directory, accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
    const fixture = new S3Fixture(s3, `storage-test-${randomBytes(4).toString('hex')}`, directory);
    await fixture.store().ensureBucket();
    return fixture;
  }

  client(): Client {
    return createS3Client({ endPoint: this.s3.endPoint, port: this.s3.port, useSSL: false, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: 'us-east-1' });
  }

  /** A new store, with a new client: what a new process would have. */
  store(options: Partial<ObjectStoreOptions> = {}): ObjectStore {
    return new ObjectStore({ client: this.client(), bucket: this.bucket, ...options });
  }

  objectFile(key: string): string {
    const parts = key.split('/');
    const name = parts.pop() ?? '';
    return path.join(this.directory, this.bucket, ...parts, `${name}._S3rver_object`);
  }

  /** Multipart uploads s3rver still holds (initiated, neither completed nor aborted). */
  async pendingMultipartUploads(): Promise<string[]> {
    return readdir(path.join(this.directory, this.bucket, '._S3rver_uploads')).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
  }

  async stop(): Promise<void> {
    await this.s3.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}

/** `data` as a stream of `chunkSize` chunks, like a request body. */
export function streamOf(data: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkSize) chunks.push(data.subarray(offset, offset + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
