import { Inject, Injectable } from '@nestjs/common';
import { type StoredObject } from '@pronote/contracts';
import { type ObjectStore, type ObjectVersion, StorageError, StorageErrorCode } from '@pronote/storage';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ChecksumMismatchError, ContentNotFoundError } from '../runtime/runtime.errors.js';
import { OBJECT_STORE } from './storage.module.js';

/**
 * Where the chunks of a verified read go, in order. `write` must not throw for what it dislikes in the
 * bytes (it notes it and carries on): the size and sha256 are checked first, at the end, and only then
 * `end` gives what the sink made of the bytes, or throws what it found wrong.
 */
export interface ContentSink<T> {
  write(chunk: Buffer): void;
  end(): T;
}

/** Keeps the whole object, filled in place as chunks arrive (a list joined at the end would hold it twice). */
export function bufferSink(size: number): ContentSink<Buffer> {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  return {
    write(chunk) {
      chunk.copy(bytes, filled);
      filled += chunk.length;
    },
    end: () => bytes,
  };
}

/** Base bytes in S3: read only when they are exactly what the caller recorded; written with their sha256. */
@Injectable()
export class ContentObjects {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  /** The whole object, once its size and sha256 match `expected` (read at most size + 1 bytes). */
  async readVerified(expected: StoredObject): Promise<Buffer> {
    return (await this.openVerified(expected, bufferSink(expected.size))).result;
  }

  /**
   * Starts reading `expected` into `sink`: the version being read (known from the response, before
   * any byte) and, once the bytes are checked, what the sink made of them. Another size is refused
   * before a byte is read.
   */
  async openVerified<T>(expected: StoredObject, sink: ContentSink<T>): Promise<{ version: ObjectVersion; result: Promise<T> }> {
    const opened = await missingAsContentNotFound(expected.key, () => this.store.getVersioned(expected.key));
    if (opened.version.size !== expected.size) {
      opened.body.destroy();
      throw new ChecksumMismatchError(expected, { size: opened.version.size });
    }
    return { version: opened.version, result: readChecked(expected, opened.body, sink) };
  }

  /** One checked PUT, or an explicit multipart upload beyond one part (a large base never needs ListMultipartUploads). */
  async write(key: string, bytes: Buffer): Promise<StoredObject> {
    const stored = await this.store.putBytes(key, bytes, { contentType: 'application/octet-stream' });
    return { key: stored.key, size: stored.size, sha256: stored.sha256 };
  }

  /** A server-side copy of `source` at `key`: no byte goes through the runtime. */
  async copy(source: StoredObject, key: string): Promise<StoredObject> {
    await missingAsContentNotFound(source.key, () => this.store.copy(source.key, key));
    return { key, size: source.size, sha256: source.sha256 };
  }
}

/** A base object that is not there is RUNTIME_CONTENT_NOT_FOUND for the runtime's callers. */
async function missingAsContentNotFound<T>(key: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) throw new ContentNotFoundError(key);
    throw error;
  }
}

async function readChecked<T>(expected: StoredObject, body: Readable, sink: ContentSink<T>): Promise<T> {
  let size = 0;
  const hash = createHash('sha256');
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > expected.size) {
      body.destroy();
      throw new ChecksumMismatchError(expected, { size: `more than ${expected.size}` });
    }
    hash.update(chunk);
    sink.write(chunk);
    size += chunk.length;
  }
  const sha256 = hash.digest('hex');
  if (size !== expected.size || sha256 !== expected.sha256) throw new ChecksumMismatchError(expected, { size, sha256 });
  return sink.end();
}
