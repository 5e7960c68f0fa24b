import { randomUUID, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type S3rver from 's3rver';

type Store = S3rver['store'];
type StoredContent = Buffer | NodeJS.ReadableStream;

/**
 * s3rver writes an object's file in place (truncated, then filled) and answers before the bytes are
 * written; it copies an object by copying its file. Here a PUT (single or multipart completion) writes
 * a new file beside the key's and renames it over it once complete, so a file in place is never
 * modified: a GET started before an overwrite reads the version it started with, a completed PUT is
 * readable, and CopyObject can give the target the same file (a hard link) instead of writing its
 * bytes again — S3's copy semantics (an independent object with the same bytes) at no I/O cost.
 */
export function immutableObjectFiles(server: S3rver): void {
  const store = server.store;
  store.putObject = (object) => putAtomically(store, object as { bucket: string; key: string; content: StoredContent; metadata: Record<string, string> });
  store.copyObject = (sourceBucket, sourceKey, targetBucket, targetKey, replacementMetadata) =>
    copyByLink(store, { bucket: sourceBucket, key: sourceKey }, { bucket: targetBucket, key: targetKey }, replacementMetadata);
}

async function putAtomically(
  store: Store,
  object: { bucket: string; key: string; content: StoredContent; metadata: Record<string, string> },
): Promise<{ size: number; md5: string }> {
  const md5 = createHash('md5');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      md5.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : (object.content as Readable);
  await replaceFile(store.getResourcePath(object.bucket, object.key, 'object'), (temporary) =>
    pipeline(source, measure, createWriteStream(temporary)),
  );
  const digest = md5.digest('hex');
  await store.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
}

async function copyByLink(
  store: Store,
  source: { bucket: string; key: string },
  target: { bucket: string; key: string },
  replacementMetadata: Record<string, string> | undefined,
): Promise<Record<string, string>> {
  const path = (of: { bucket: string; key: string }, resource: string) => store.getResourcePath(of.bucket, of.key, resource);
  const sameObject = path(source, 'object') === path(target, 'object');
  if (!sameObject) await replaceFile(path(target, 'object'), (temporary) => link(path(source, 'object'), temporary));
  if (replacementMetadata) {
    await store.putMetadata(target.bucket, target.key, replacementMetadata);
  } else if (!sameObject) {
    await Promise.all(['metadata.json', 'object.md5'].map((resource) => copyFile(path(source, resource), path(target, resource))));
  }
  return store.getMetadata(target.bucket, target.key);
}

/** `write` fills a new file, which then takes `path`'s place in one step; nothing is left on failure. */
async function replaceFile(path: string, write: (temporary: string) => Promise<unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Beside the target (same file system, so the rename is atomic); s3rver lists only names ending in "._S3rver_object".
  const temporary = `${path}.${randomUUID()}.partial`;
  try {
    await write(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
