import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
import { abortUploadMiddleware } from './s3rver-abort-upload.js';
import { checksumMiddleware } from './s3rver-checksum.js';
import { copyPreconditionMiddleware } from './s3rver-copy-precondition.js';
import { headBucketMiddleware } from './s3rver-head-bucket.js';
import { immutableObjectFiles } from './s3rver-object-files.js';
import { OneAtATimePerKey } from './one-at-a-time.js';

export interface EmbeddedS3Options {
  /** Folder holding the buckets and objects. */
  directory: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  accessKey: string;
  secretKey: string;
  address?: string;
}

export interface EmbeddedS3 {
  endPoint: string;
  port: number;
  /** The folder s3rver writes to: `<directory>/<bucket>/…`, multipart parts under `<bucket>/._S3rver_uploads`. */
  directory: string;
  close(): Promise<void>;
}

const FORCE_CLOSE_AFTER_MS = 2_000;

/**
 * An S3 endpoint for machines without MinIO (development, CI): s3rver with the given credentials,
 * AbortMultipartUpload, a bucket-only HEAD bucket, CopyObject's source ETag precondition and the
 * `x-amz-checksum-sha256` of single PUTs (checked, kept, read back by a HEAD) added, and objects
 * written whole before they replace the previous version, a copy sharing its source's file
 * (`immutableObjectFiles`).
 * s3rver does not verify V4 signatures, only that the access key is known, so this is never an
 * endpoint for real data.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  await mkdir(options.directory, { recursive: true });
  DUMMY_ACCOUNT.createKeyPair(options.accessKey, options.secretKey);

  const address = options.address ?? '127.0.0.1';
  const server = new S3rver({
    address,
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
    // Path-style only: a host name such as "minio" must not be taken for a bucket name.
    vhostBuckets: false,
  });
  // Before the router, which is s3rver's last middleware: it answers 405 to the abort, lists the bucket
  // for a HEAD, copies without checking the source's ETag and ignores checksums.
  server.middleware.splice(
    server.middleware.length - 1,
    0,
    abortUploadMiddleware(server),
    headBucketMiddleware(server),
    copyPreconditionMiddleware(server),
    checksumMiddleware(server),
  );
  serializeDeletes(server);
  immutableObjectFiles(server);

  const { port } = await server.run();
  return {
    endPoint: address,
    port,
    directory: options.directory,
    close: () => closeServer(server),
  };
}

/**
 * s3rver's multi-object delete removes objects in parallel, and each removal then deletes its
 * folders once empty: two removals in one folder race and one answers 500. One at a time avoids it.
 */
function serializeDeletes(server: S3rver): void {
  const store = server.store;
  const deleteObject = store.deleteObject.bind(store);
  const removals = new OneAtATimePerKey();
  store.deleteObject = (bucket, key) => removals.run('every removal', () => deleteObject(bucket, key));
}

async function closeServer(server: S3rver): Promise<void> {
  const httpServer = server.httpServer;
  if (httpServer === undefined) return;
  const closed = server.close();
  httpServer.closeIdleConnections();
  const forceClose = setTimeout(() => httpServer.closeAllConnections(), FORCE_CLOSE_AFTER_MS);
  try {
    await closed;
  } finally {
    clearTimeout(forceClose);
  }
}
