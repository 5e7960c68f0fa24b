import { Inject, Injectable } from '@nestjs/common';
import { type StoredObject } from '@pronote/contracts';
import { type ObjectStore, type ObjectVersion, StorageError, StorageErrorCode } from '@pronote/storage';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ChecksumMismatchError, ContentNotFoundError } from '../runtime/runtime.errors.js';
import { OBJECT_STORE } from './storage.module.js';

/** Base bytes in S3: read only when they are exactly what the caller recorded; written with their sha256. */
@Injectable()
export class ContentObjects {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  /** The whole object, once its size and sha256 match `expected` (read at most size + 1 bytes). */
  async readVerified(expected: StoredObject): Promise<Buffer> {
    return (await this.openVerified(expected)).bytes;
  }

  /**
   * Starts reading `expected`: the version being read (known from the response, before any byte) and
   * its bytes once checked. Another size is refused before a byte is read.
   */
  async openVerified(expected: StoredObject): Promise<{ version: ObjectVersion; bytes: Promise<Buffer> }> {
    let opened: { body: Readable; version: ObjectVersion };
    try {
      opened = await this.store.getVersioned(expected.key);
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) throw new ContentNotFoundError(expected.key);
      throw error;
    }
    if (opened.version.size !== expected.size) {
      opened.body.destroy();
      throw new ChecksumMismatchError(expected, { size: opened.version.size });
    }
    return { version: opened.version, bytes: readChecked(expected, opened.body) };
  }

  /** One checked PUT, or an explicit multipart upload beyond one part (a large base never needs ListMultipartUploads). */
  async write(key: string, bytes: Buffer): Promise<StoredObject> {
    const stored = await this.store.putBytes(key, bytes, { contentType: 'application/octet-stream' });
    return { key: stored.key, size: stored.size, sha256: stored.sha256 };
  }
}

async function readChecked(expected: StoredObject, body: Readable): Promise<Buffer> {
  // Filled in place as chunks arrive: a list of chunks joined at the end costs a second copy of a
  // base of hundreds of MB, and holds both at once.
  const bytes = Buffer.allocUnsafe(expected.size);
  let size = 0;
  const hash = createHash('sha256');
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > expected.size) {
      body.destroy();
      throw new ChecksumMismatchError(expected, { size: `more than ${expected.size}` });
    }
    hash.update(chunk);
    chunk.copy(bytes, size);
    size += chunk.length;
  }
  const sha256 = hash.digest('hex');
  if (size !== expected.size || sha256 !== expected.sha256) throw new ChecksumMismatchError(expected, { size, sha256 });
  return bytes;
}
