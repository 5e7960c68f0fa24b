import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import type { Client } from 'minio';
import type { MultipartTarget } from './multipart-upload.js';
import { callS3 } from './s3-call.js';

/** The header S3, MinIO and the embedded endpoint check a PUT's body against, and keep with the object. */
export const CHECKSUM_SHA256_HEADER = 'x-amz-checksum-sha256';

/** The SHA-256 of `data`, raw (32 bytes): hex for callers, base64 for the header. */
export function sha256Digest(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * One PUT carrying the body's SHA-256 as `x-amz-checksum-sha256`: the store hashes what it receives,
 * refuses a mismatch (BadDigest: the object in place is left as it was) and keeps the checksum, which
 * `ObjectStore.storedVersion` reads back. minio-js 8 has no option for it (its putObject turns unknown
 * headers into user metadata), hence the request built here; the digest, already computed, also
 * signs the payload over plain HTTP, so the body is hashed once instead of three times (sha256 and
 * MD5 in minio's putObject).
 */
export async function putChecksummed(target: MultipartTarget, body: Buffer, sha256: Buffer, contentType?: string): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Length': String(body.length),
    [CHECKSUM_SHA256_HEADER]: sha256.toString('base64'),
    ...(contentType ? { 'Content-Type': contentType } : {}),
  };
  await callS3({ bucket: target.bucket, key: target.key, operation: 'put', timeoutMs: target.requestTimeoutMs }, async () => {
    const response = await target.client.makeRequestStreamAsync(
      { method: 'PUT', bucketName: target.bucket, objectName: target.key, headers },
      body,
      signedPayloadHash(target.client, sha256),
      [200],
      '',
    );
    response.resume();
    await finished(response);
  });
}

/** minio signs the payload's hex SHA-256 over HTTP and `UNSIGNED-PAYLOAD` (an empty hash here) over HTTPS. */
function signedPayloadHash(client: Client, sha256: Buffer): string {
  return client.enableSHA256 ? sha256.toString('hex') : '';
}
