import type S3rver from 's3rver';
import authentication from 's3rver/lib/middleware/authentication.js';
import S3Error from 's3rver/lib/models/error.js';

type Context = Parameters<S3rver['middleware'][number]>[0];

/**
 * s3rver's CopyObject ignores `x-amz-copy-source-if-match`: a copy meant for the version that was
 * just read and verified would copy whatever the source holds now. MinIO and S3 answer 412
 * PreconditionFailed when the source's ETag differs; this middleware does the same, then lets
 * s3rver copy.
 */
export function copyPreconditionMiddleware(server: S3rver) {
  const authenticate = authentication();
  return async (ctx: Context, next: () => Promise<unknown>): Promise<unknown> => {
    const copySource = ctx.headers['x-amz-copy-source'];
    const expectedEtag = ctx.headers['x-amz-copy-source-if-match'];
    const target = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    if (ctx.method !== 'PUT' || typeof copySource !== 'string' || typeof expectedEtag !== 'string' || target === null) return next();
    // s3rver's authentication reads the target from the route parameters, which the router sets later.
    ctx.params = { bucket: decodeURIComponent(target[1] ?? ''), key: decodeURIComponent(target[2] ?? '') };
    const [bucket = '', ...key] = decodeURI(copySource).replace(/^\//, '').split('/');
    return authenticate(ctx, async () => {
      const actual = await server.store.getMetadata(bucket, key.join('/')).then(
        (metadata) => metadata['etag'],
        () => undefined,
      );
      // A missing source is left to s3rver's own NoSuchKey answer.
      if (actual !== undefined && unquoted(actual) !== unquoted(expectedEtag)) {
        throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'x-amz-copy-source-If-Match' });
      }
      return next();
    });
  };
}

function unquoted(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}
