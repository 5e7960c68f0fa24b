import { withDeadline } from './deadline.js';
import { StorageError, StorageErrorCode, toStorageError } from './storage-error.js';

export interface S3CallContext {
  bucket: string;
  key?: string;
  operation: string;
  timeoutMs: number;
}

/** One request to S3, bounded in time, failing only with a StorageError. */
export async function callS3<T>(context: S3CallContext, work: () => Promise<T>): Promise<T> {
  const { timeoutMs, ...where } = context;
  try {
    return await withDeadline(
      work(),
      timeoutMs,
      () =>
        new StorageError(StorageErrorCode.STORAGE_UNAVAILABLE, `Storage ${context.operation} did not answer within ${timeoutMs} ms`, where),
    );
  } catch (error) {
    throw toStorageError(error, where);
  }
}
