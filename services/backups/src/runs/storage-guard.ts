import { StorageError, StorageErrorCode, type ObjectStore } from '@pronote/storage';
import { StorageUnavailableError } from './runs.errors.js';

/**
 * Work that writes through S3 (the runtime's snapshot), with an S3 outage named as such: when the
 * work fails, a bucket check tells an unreachable S3 (`BACKUP_STORAGE_UNAVAILABLE`, a reason the
 * operator can read, instead of an opaque runtime error) from a failure of the work itself. Checked
 * after a failure only: a bucket check before each run was one more request per backup on the
 * endpoint that takes the whole slot's PUTs.
 */
export async function withStorageDiagnosis<T>(store: ObjectStore, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await asRunError(() => store.ensureBucket());
    throw error;
  }
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
