import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type S3rver from 's3rver';
import S3Error from 's3rver/lib/models/error.js';

const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * s3rver 3.7 has no AbortMultipartUpload route (DELETE /bucket/key?uploadId=…): without it an aborted
 * upload's parts stay on disk forever. This middleware fills the gap by removing the upload folder,
 * which is what MinIO and S3 do.
 */
export function abortUploadMiddleware(server: S3rver) {
  return async (ctx: Parameters<S3rver['middleware'][number]>[0], next: () => Promise<unknown>): Promise<unknown> => {
    const uploadId = ctx.query['uploadId'];
    const match = /^\/([^/]+)\/.+$/.exec(ctx.path);
    if (ctx.method !== 'DELETE' || typeof uploadId !== 'string' || match === null) return next();

    const bucket = decodeURIComponent(match[1] ?? '');
    const uploadDir = path.join(server.store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    if (!(await server.store.getBucket(bucket))) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    if (!UPLOAD_ID.test(uploadId) || !(await exists(uploadDir))) {
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
    }
    await rm(uploadDir, { recursive: true, force: true });
    ctx.status = 204;
    return undefined;
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
