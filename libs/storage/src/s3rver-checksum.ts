import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type S3rver from 's3rver';
import authentication from 's3rver/lib/middleware/authentication.js';
import S3Error from 's3rver/lib/models/error.js';
import S3Object from 's3rver/lib/models/object.js';
import { OneAtATimePerKey } from './one-at-a-time.js';

type Context = Parameters<S3rver['middleware'][number]>[0];

const CHECKSUM_HEADER = 'x-amz-checksum-sha256';
const SHA256_BYTES = 32;
/** A checksummed body is held in memory while it is checked: far above the library's single PUTs (one part). */
export const MAX_CHECKSUMMED_PUT_BYTES = 512 * 1024 * 1024;

/**
 * s3rver ignores `x-amz-checksum-sha256`: it stores whatever arrived and no HEAD tells which sha256 it
 * holds. S3 and MinIO hash the body, refuse a mismatch (400 BadDigest, the object in place left as it
 * was) and give the checksum back to a HEAD sent with `x-amz-checksum-mode: ENABLED`. This middleware
 * does the same for single PUTs: the body is read and hashed before anything is written, the checksum
 * goes into the object's metadata file — which s3rver rewrites on any other write of the key (so it
 * never outlives its bytes) and copies with them — and a HEAD in checksum mode is answered from that
 * file. Checked PUTs of one key are written one at a time, so the bytes and the checksum on disk
 * always come from the same request (the object's file and its metadata file are written one after
 * the other).
 */
export function checksumMiddleware(server: S3rver) {
  const authenticate = authentication();
  const writes = new OneAtATimePerKey();

  const putChecked = async (ctx: Context, bucket: string, key: string, expected: string): Promise<void> => {
    if (Buffer.from(expected, 'base64').length !== SHA256_BYTES) {
      throw new S3Error('InvalidRequest', `Value for ${CHECKSUM_HEADER} header is invalid.`);
    }
    if (!(await server.store.getBucket(bucket))) throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    const body = await readBody(ctx);
    if (createHash('sha256').update(body).digest('base64') !== expected) {
      throw new S3Error('BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    }
    const { md5 } = await writes.run(`${bucket}/${key}`, async () => {
      const written = await server.store.putObject(new S3Object(bucket, key, body, ctx.headers));
      const metadataFile = server.store.getResourcePath(bucket, key, 'metadata.json');
      const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, string>;
      await writeFile(metadataFile, JSON.stringify({ ...metadata, [CHECKSUM_HEADER]: expected }));
      return written;
    });
    ctx.set('ETag', JSON.stringify(md5));
    ctx.set(CHECKSUM_HEADER, expected);
    ctx.status = 200;
    ctx.body = '';
  };

  const headChecked = async (ctx: Context, bucket: string, key: string): Promise<void> => {
    const metadata = await server.store.getMetadata(bucket, key).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key });
      throw error;
    });
    const { 'content-length': size, ...headers } = metadata;
    for (const [name, value] of Object.entries(headers)) ctx.set(name, String(value));
    ctx.length = Number(size);
    ctx.status = 200;
  };

  return async (ctx: Context, next: () => Promise<unknown>): Promise<unknown> => {
    const target = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    if (target === null || Object.keys(ctx.query).length > 0) return next();
    const bucket = decodeURIComponent(target[1] ?? '');
    const key = decodeURIComponent(target[2] ?? '');
    const expected = ctx.headers[CHECKSUM_HEADER];
    const isCheckedPut = ctx.method === 'PUT' && typeof expected === 'string' && ctx.headers['x-amz-copy-source'] === undefined;
    const isCheckedHead = ctx.method === 'HEAD' && ctx.headers['x-amz-checksum-mode'] === 'ENABLED';
    if (!isCheckedPut && !isCheckedHead) return next();
    // s3rver's authentication reads the target from the route parameters, which the router sets later.
    ctx.params = { bucket, key };
    return authenticate(ctx, () => (isCheckedPut ? putChecked(ctx, bucket, key, expected as string) : headChecked(ctx, bucket, key)));
  };
}

async function readBody(ctx: Context): Promise<Buffer> {
  const declared = Number(ctx.headers['content-length']);
  if (!Number.isInteger(declared) || declared < 0) throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  if (declared > MAX_CHECKSUMMED_PUT_BYTES) {
    throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: declared, MaxSizeAllowed: MAX_CHECKSUMMED_PUT_BYTES });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
