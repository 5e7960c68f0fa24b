import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { type BucketItem, type BucketStream, type Client, CopyDestinationOptions, CopySourceOptions } from 'minio';
import { CHECKSUM_SHA256_HEADER, putChecksummed, sha256Digest } from './checksummed-put.js';
import { abortMultipart, completeMultipart, initiateMultipart, uploadPart, type MultipartTarget, type UploadedPart } from './multipart-upload.js';
import { callS3 } from './s3-call.js';
import { readChunks } from './stream-chunks.js';
import { StorageError, StorageErrorCode, toStorageError } from './storage-error.js';
import { uploadStream, type StoredObject } from './stream-upload.js';

const MiB = 1024 * 1024;
/** S3 limits: every part but the last is 5 MiB to 5 GiB, at most 10,000 parts. */
export const MIN_PART_SIZE = 5 * MiB;
export const MAX_PART_SIZE = 5 * 1024 * MiB;
export const MAX_PART_NUMBER = 10_000;
export const DEFAULT_PART_SIZE = 8 * MiB;
/** The largest object one CopyObject request copies; beyond it S3 needs UploadPartCopy (not implemented). */
export const MAX_COPY_SIZE = 5 * 1024 * MiB;

export interface ObjectStoreOptions {
  client: Client;
  bucket: string;
  /** Region used when the bucket has to be created. */
  region?: string;
  /** Upper bound for any single S3 request (a part upload included). */
  requestTimeoutMs?: number;
  /** Upper bound for a source or a download that sends nothing. */
  idleTimeoutMs?: number;
}

export interface PutStreamOptions {
  /** Refuse (OBJECT_TOO_LARGE) as soon as the stream goes past this many bytes. */
  maxBytes?: number;
  contentType?: string;
  partSize?: number;
  /** Aborting it cancels the upload (UPLOAD_ABORTED). */
  signal?: AbortSignal;
}

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ObjectDigest {
  size: number;
  sha256: string;
}

/** What a HEAD tells: the size and the ETag that identifies this version of the object. */
export interface ObjectVersion {
  size: number;
  etag: string;
}

/** A version as a HEAD in checksum mode tells it, with the SHA-256 the store computed when it received the bytes. */
export interface CheckedVersion extends ObjectVersion {
  /** Hex; null when the store keeps no whole-object SHA-256 (multipart upload, or written without a checksum). */
  sha256: string | null;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

export class ObjectStore {
  readonly bucket: string;
  private readonly client: Client;
  private readonly region: string;
  private readonly requestTimeoutMs: number;
  private readonly idleTimeoutMs: number;

  constructor(options: ObjectStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.region = options.region ?? 'us-east-1';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  async ensureBucket(): Promise<void> {
    const exists = await this.call('bucket check', undefined, () => this.client.bucketExists(this.bucket));
    if (exists) return;
    try {
      await this.call('bucket creation', undefined, () => this.client.makeBucket(this.bucket, this.region));
    } catch (error) {
      // Another instance may have created it between our check and our creation.
      const createdMeanwhile = await this.call('bucket check', undefined, () => this.client.bucketExists(this.bucket));
      if (!createdMeanwhile) throw error;
    }
  }

  /**
   * Streams `source` into `key` with its SHA-256 computed on the way; larger than one part means an
   * explicit multipart upload. On failure the source is destroyed and nothing is left in the bucket.
   */
  async putStream(key: string, source: Readable, options: PutStreamOptions = {}): Promise<StoredObject> {
    const partSize = options.partSize ?? DEFAULT_PART_SIZE;
    if (!Number.isInteger(partSize) || partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new RangeError(`partSize must be an integer between ${MIN_PART_SIZE} and ${MAX_PART_SIZE}`);
    }
    return uploadStream(this.multipartTarget(key), source, {
      maxBytes: options.maxBytes ?? Math.min(partSize * MAX_PART_NUMBER, Number.MAX_SAFE_INTEGER),
      partSize,
      contentType: options.contentType,
      idleTimeoutMs: this.idleTimeoutMs,
      signal: options.signal,
    });
  }

  /**
   * Bytes already in memory, as `putStream` would store them — one checked PUT up to one part, an
   * explicit multipart upload beyond — without a stream around a buffer that is all there already.
   */
  async putBytes(key: string, data: Buffer, options: Pick<PutStreamOptions, 'contentType' | 'partSize'> = {}): Promise<StoredObject> {
    if (data.length <= (options.partSize ?? DEFAULT_PART_SIZE)) return this.putBuffer(key, data, options.contentType);
    return this.putStream(key, Readable.from([data]), options);
  }

  /** One PUT, checked by the store against the buffer's SHA-256 (see `putChecksummed`). */
  async putBuffer(key: string, data: Buffer, contentType?: string): Promise<StoredObject> {
    const sha256 = sha256Digest(data);
    await putChecksummed(this.multipartTarget(key), data, sha256, contentType);
    return { key, size: data.length, sha256: sha256.toString('hex') };
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable> {
    if (range === undefined) return this.call('get', key, () => this.client.getObject(this.bucket, key));
    if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end < range.start) {
      throw new RangeError(`Invalid byte range ${range.start}-${range.end}`);
    }
    const length = range.end - range.start + 1;
    return this.call('ranged get', key, () => this.client.getPartialObject(this.bucket, key, range.start, length));
  }

  /**
   * The whole object with the version it is (size and ETag from the GET's own response): a request
   * made conditional on that version (a `copy`) then concerns exactly the bytes being read.
   */
  async getVersioned(key: string): Promise<{ body: Readable; version: ObjectVersion }> {
    const body = await this.getStream(key);
    // minio answers with the HTTP response itself, typed as a plain stream.
    const { headers } = body as Readable & { headers: IncomingHttpHeaders };
    return { body, version: { size: Number(headers['content-length']), etag: unquoted(headers.etag ?? '') } };
  }

  /** Size in bytes, or null when there is no such object. */
  async stat(key: string): Promise<number | null> {
    try {
      const stat = await this.call('stat', key, () => this.client.statObject(this.bucket, key));
      return stat.size;
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) return null;
      throw error;
    }
  }

  /** Size and ETag, or null when there is no such object. */
  async describe(key: string): Promise<ObjectVersion | null> {
    try {
      const stat = await this.call('stat', key, () => this.client.statObject(this.bucket, key));
      return { size: stat.size, etag: stat.etag };
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) return null;
      throw error;
    }
  }

  /**
   * Size, ETag and the SHA-256 the store itself computed from the bytes it received (a HEAD in checksum
   * mode: no byte of the object is read), or null when there is no such object.
   */
  async describeChecked(key: string): Promise<CheckedVersion | null> {
    try {
      const response = await this.call('stat', key, () =>
        this.client.makeRequestAsyncOmit({ method: 'HEAD', bucketName: this.bucket, objectName: key, headers: { 'x-amz-checksum-mode': 'ENABLED' } }),
      );
      const { headers } = response;
      return { size: Number(headers['content-length']), etag: unquoted(headers.etag ?? ''), sha256: wholeObjectSha256(headers) };
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) return null;
      throw error;
    }
  }

  /**
   * Server-side copy (CopyObject): no byte goes through this process. With `source` (from `describe`)
   * the copy happens only if the source is still that version (else OBJECT_CHANGED), so bytes read
   * and verified before are the bytes copied. One request copies at most MAX_COPY_SIZE (5 GiB).
   */
  async copy(sourceKey: string, targetKey: string, source?: ObjectVersion): Promise<void> {
    if (source && source.size > MAX_COPY_SIZE) {
      throw new StorageError(StorageErrorCode.OBJECT_TOO_LARGE, `"${sourceKey}" is over the ${MAX_COPY_SIZE} bytes one CopyObject can copy`, {
        key: sourceKey,
        size: source.size,
      });
    }
    const from = new CopySourceOptions({ Bucket: this.bucket, Object: sourceKey, ...(source ? { MatchETag: source.etag } : {}) });
    const to = new CopyDestinationOptions({ Bucket: this.bucket, Object: targetKey });
    await this.call('copy', targetKey, () => this.client.copyObject(from, to));
  }

  /** Re-reads the whole object and hashes it: the verification that a recorded sha256 still holds. */
  async sha256Of(key: string): Promise<ObjectDigest> {
    const body = await this.getStream(key);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of readChunks(body, this.idleTimeoutMs, StorageErrorCode.STORAGE_UNAVAILABLE)) {
        hash.update(chunk);
        size += chunk.length;
      }
    } catch (error) {
      body.destroy();
      throw toStorageError(error, { bucket: this.bucket, key, operation: 'read for hashing' });
    }
    return { size, sha256: hash.digest('hex') };
  }

  /** Succeeds whether or not the object existed. */
  async remove(key: string): Promise<void> {
    await this.call('remove', key, () => this.client.removeObject(this.bucket, key));
  }

  async removeMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const results = await this.call('remove many', undefined, () => this.client.removeObjects(this.bucket, [...keys]));
    const failures = results.flatMap((result) => (result?.Error ? [result.Error] : []));
    if (failures.length > 0) {
      throw new StorageError(StorageErrorCode.STORAGE_UNAVAILABLE, `${failures.length} of ${keys.length} objects could not be removed`, {
        bucket: this.bucket,
        failures,
      });
    }
  }

  /** Every object under `prefix` (recursively). */
  async list(prefix: string): Promise<ListedObject[]> {
    return this.call('list', prefix, () => collectListing(this.client.listObjectsV2(this.bucket, prefix, true)));
  }

  async presignedGetUrl(key: string, expirySeconds: number): Promise<string> {
    return this.call('presign', key, () => this.client.presignedGetObject(this.bucket, key, expirySeconds));
  }

  // Resumable uploads: the caller keeps the upload id, the parts list and its running hash state
  // (in Postgres), so that a new process can carry on where the previous one stopped.

  async startResumable(key: string, contentType?: string): Promise<string> {
    return initiateMultipart(this.multipartTarget(key), contentType);
  }

  async uploadPartResumable(key: string, uploadId: string, partNumber: number, data: Buffer): Promise<string> {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new RangeError(`partNumber must be an integer between 1 and ${MAX_PART_NUMBER}`);
    }
    return uploadPart(this.multipartTarget(key), uploadId, partNumber, data);
  }

  async completeResumable(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<void> {
    if (parts.length === 0) throw new RangeError('A multipart upload needs at least one part');
    await completeMultipart(this.multipartTarget(key), uploadId, parts);
  }

  async abortResumable(key: string, uploadId: string): Promise<void> {
    await abortMultipart(this.multipartTarget(key), uploadId);
  }

  private multipartTarget(key: string): MultipartTarget {
    return { client: this.client, bucket: this.bucket, key, requestTimeoutMs: this.requestTimeoutMs };
  }

  private call<T>(operation: string, key: string | undefined, work: () => Promise<T>): Promise<T> {
    return callS3({ bucket: this.bucket, key, operation, timeoutMs: this.requestTimeoutMs }, work);
  }
}

/**
 * The `x-amz-checksum-sha256` of a HEAD as hex, when it is a whole-object digest: S3 gives multipart
 * objects a checksum of the parts' checksums ("…-3", type COMPOSITE), which is no object's SHA-256.
 */
function wholeObjectSha256(headers: IncomingHttpHeaders): string | null {
  const value = headers[CHECKSUM_SHA256_HEADER];
  if (typeof value !== 'string' || headers['x-amz-checksum-type'] === 'COMPOSITE') return null;
  const digest = Buffer.from(value, 'base64');
  return digest.length === 32 && digest.toString('base64') === value ? digest.toString('hex') : null;
}

function unquoted(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}

async function collectListing(listing: BucketStream<BucketItem>): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  // minio types this object-mode stream as a byte stream, hence the cast.
  for await (const item of listing as AsyncIterable<BucketItem>) {
    // Recursive listings hold objects only; a common prefix has no name.
    if (item.name === undefined) continue;
    objects.push({ key: item.name, size: item.size, lastModified: item.lastModified });
  }
  return objects;
}
