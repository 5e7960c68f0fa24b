import { StorageError, StorageErrorCode, type ObjectStore } from '@pronote/storage';
import { StorageUnavailableError } from './runs.errors.js';

/** How long a successful bucket check stands for the following runs of this process. */
export const BUCKET_CHECK_TTL_MS = 2_000;

/**
 * Checked before the runtime is asked to write anything: an unreachable S3 fails the run with a
 * reason the operator can read, instead of an opaque runtime error. A success is remembered for a
 * short while (one HEAD bucket per run cost as much as a small backup's GET); a run that then fails
 * has its failure re-attributed by an uncached check, so an outage still reads as one.
 */
export class StorageGuard {
  private reachableUntil = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly ttlMs = BUCKET_CHECK_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async assertReachable(): Promise<void> {
    if (this.now() < this.reachableUntil) return;
    await asRunError(() => this.store.ensureBucket());
    this.reachableUntil = this.now() + this.ttlMs;
  }

  /** `work`'s failure becomes BACKUP_STORAGE_UNAVAILABLE when S3 turns out to be unreachable. */
  async attributing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.reachableUntil = 0;
      await this.assertReachable();
      throw error;
    }
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
