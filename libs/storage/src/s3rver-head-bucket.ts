import type S3rver from 's3rver';
import authentication from 's3rver/lib/middleware/authentication.js';
import S3Error from 's3rver/lib/models/error.js';

type Context = Parameters<S3rver['middleware'][number]>[0];

/**
 * s3rver answers HEAD /bucket with its GET route, i.e. a ListObjects of up to 1,000 keys (one
 * metadata file read per key) whose body is then dropped: a bucket check costs more than a 436 KB
 * PUT once the bucket holds a few thousand objects. MinIO and S3 answer it from the bucket alone;
 * this middleware does the same (after s3rver's own authentication).
 */
export function headBucketMiddleware(server: S3rver) {
  const authenticate = authentication();
  return async (ctx: Context, next: () => Promise<unknown>): Promise<unknown> => {
    const match = /^\/([^/]+)\/?$/.exec(ctx.path);
    if (ctx.method !== 'HEAD' || match === null || Object.keys(ctx.query).length > 0) return next();
    const bucket = decodeURIComponent(match[1] ?? '');
    ctx.params = { bucket };
    return authenticate(ctx, async () => {
      if (!(await server.store.getBucket(bucket))) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      ctx.status = 200;
      return undefined;
    });
  };
}
