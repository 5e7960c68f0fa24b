import type { Client } from 'minio';
import { callS3 } from './s3-call.js';

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

export interface MultipartTarget {
  client: Client;
  bucket: string;
  key: string;
  requestTimeoutMs: number;
}

/**
 * Explicit S3 multipart calls. minio's high-level putObject is avoided for large objects because it
 * first calls ListMultipartUploads, which s3rver does not implement.
 */
export async function initiateMultipart(target: MultipartTarget, contentType?: string): Promise<string> {
  const headers = contentType ? { 'Content-Type': contentType } : {};
  return callS3(context(target, 'multipart initiate'), () =>
    target.client.initiateNewMultipartUpload(target.bucket, target.key, headers),
  );
}

export async function uploadPart(target: MultipartTarget, uploadId: string, partNumber: number, data: Buffer): Promise<string> {
  const { etag } = await callS3(context(target, `multipart part ${partNumber}`), () =>
    target.client.uploadPart(
      { bucketName: target.bucket, objectName: target.key, uploadID: uploadId, partNumber, headers: {} },
      data,
    ),
  );
  return etag;
}

export async function completeMultipart(target: MultipartTarget, uploadId: string, parts: readonly UploadedPart[]): Promise<void> {
  const etags = [...parts]
    .sort((a, b) => a.partNumber - b.partNumber)
    .map(({ partNumber, etag }) => ({ part: partNumber, etag }));
  await callS3(context(target, 'multipart complete'), () =>
    target.client.completeMultipartUpload(target.bucket, target.key, uploadId, etags),
  );
}

export async function abortMultipart(target: MultipartTarget, uploadId: string): Promise<void> {
  await callS3(context(target, 'multipart abort'), () =>
    target.client.abortMultipartUpload(target.bucket, target.key, uploadId),
  );
}

function context(target: MultipartTarget, operation: string) {
  return { bucket: target.bucket, key: target.key, operation, timeoutMs: target.requestTimeoutMs };
}
