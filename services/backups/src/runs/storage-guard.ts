import { StorageError, StorageErrorCode, type ObjectStore } from '@pronote/storage';
import { StorageUnavailableError } from './runs.errors.js';

/**
 * Checked before the runtime is asked to write anything: an unreachable S3 fails the run with a
 * reason the operator can read, instead of an opaque runtime error.
 */
export async function assertStorageReachable(store: ObjectStore): Promise<void> {
  await asRunError(() => store.ensureBucket());
}

/** Storage outages during a run become `BACKUP_STORAGE_UNAVAILABLE`; other errors pass unchanged. */
export async function asRunError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StorageError && error.code === StorageErrorCode.STORAGE_UNAVAILABLE) throw new StorageUnavailableError(error.message);
    throw error;
  }
}
