import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { putChecksummed } from './checksummed-put.js';
import { abortMultipart, completeMultipart, initiateMultipart, uploadPart, type MultipartTarget, type UploadedPart } from './multipart-upload.js';
import { PartBuffer } from './part-buffer.js';
import { readChunks } from './stream-chunks.js';
import { StorageError, StorageErrorCode, toStorageError } from './storage-error.js';

export interface StoredObject {
  key: string;
  size: number;
  /** Hex SHA-256 of the whole object, computed while streaming (S3 multipart ETags are not whole-object checksums). */
  sha256: string;
}

export interface StreamUploadSettings {
  maxBytes: number;
  partSize: number;
  contentType?: string;
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Streams `source` into one object, hashing as it goes. On any failure the source is destroyed and a
 * started multipart upload is aborted, so nothing is left behind; the error is always a StorageError.
 */
export async function uploadStream(target: MultipartTarget, source: Readable, settings: StreamUploadSettings): Promise<StoredObject> {
  const hash = createHash('sha256');
  const pending = new PartBuffer(settings.partSize);
  const multipart = new LazyMultipart(target, settings.contentType);
  let size = 0;

  const cancel = () => source.destroy(new StorageError(StorageErrorCode.UPLOAD_ABORTED, 'The upload was cancelled by the caller'));
  if (settings.signal?.aborted) cancel();
  settings.signal?.addEventListener('abort', cancel, { once: true });
  try {
    for await (const chunk of readChunks(source, settings.idleTimeoutMs)) {
      size += chunk.length;
      if (size > settings.maxBytes) {
        throw new StorageError(StorageErrorCode.OBJECT_TOO_LARGE, `"${target.key}" exceeds the limit of ${settings.maxBytes} bytes`, {
          key: target.key,
          maxBytes: settings.maxBytes,
        });
      }
      hash.update(chunk);
      pending.append(chunk);
      for (let part = pending.takeFullPart(); part; part = pending.takeFullPart()) {
        await multipart.upload(part);
      }
    }
    const lastBytes = pending.takeRest();
    const sha256 = hash.digest();
    if (multipart.started) {
      await multipart.upload(lastBytes);
      await multipart.complete();
    } else {
      // The whole object is known before its only request: the store checks and keeps its sha256.
      await putChecksummed(target, lastBytes, sha256, settings.contentType);
    }
    return { key: target.key, size, sha256: sha256.toString('hex') };
  } catch (error) {
    source.destroy();
    const failure = toStorageError(error, { bucket: target.bucket, key: target.key, operation: 'upload' });
    const orphanedUploadId = await multipart.abortIfStarted();
    if (orphanedUploadId === undefined) throw failure;
    // Reported so that the caller can log it: the upload keeps using storage until someone aborts it.
    throw new StorageError(failure.code, failure.message, { ...failure.details, orphanedUploadId }, { cause: failure.cause });
  } finally {
    settings.signal?.removeEventListener('abort', cancel);
  }
}

/** A multipart upload initiated only once a second part proves the object needs one. */
class LazyMultipart {
  private uploadId: string | undefined;
  private readonly parts: UploadedPart[] = [];

  constructor(
    private readonly target: MultipartTarget,
    private readonly contentType: string | undefined,
  ) {}

  get started(): boolean {
    return this.uploadId !== undefined;
  }

  async upload(data: Buffer): Promise<void> {
    this.uploadId ??= await initiateMultipart(this.target, this.contentType);
    const partNumber = this.parts.length + 1;
    const etag = await uploadPart(this.target, this.uploadId, partNumber, data);
    this.parts.push({ partNumber, etag });
  }

  async complete(): Promise<void> {
    if (this.uploadId === undefined) throw new Error('No multipart upload to complete');
    await completeMultipart(this.target, this.uploadId, this.parts);
  }

  /** Returns the upload id only if it could not be aborted. */
  async abortIfStarted(): Promise<string | undefined> {
    if (this.uploadId === undefined) return undefined;
    try {
      await abortMultipart(this.target, this.uploadId);
      return undefined;
    } catch {
      return this.uploadId;
    }
  }
}
