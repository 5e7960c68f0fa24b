import { BackupsErrorCodes, DomainError } from '@pronote/contracts';
import { type ObjectStore, StorageError, StorageErrorCode } from '@pronote/storage';
import { StorageGuard } from './storage-guard.js';

/** A bucket that is reachable or not, counting the checks made against it. */
function bucket() {
  const state = { reachable: true, checks: 0 };
  const store = {
    ensureBucket: async () => {
      state.checks += 1;
      if (!state.reachable) throw new StorageError(StorageErrorCode.STORAGE_UNAVAILABLE, 'connect ECONNREFUSED');
    },
  } as unknown as ObjectStore;
  return { state, store };
}

describe('StorageGuard', () => {
  it('checks the bucket once per TTL while it answers, and again once the TTL is over', async () => {
    const { state, store } = bucket();
    let now = 1_000;
    const guard = new StorageGuard(store, 2_000, () => now);
    await guard.assertReachable();
    now += 1_999;
    await guard.assertReachable();
    expect(state.checks).toBe(1);
    now += 1;
    await guard.assertReachable();
    expect(state.checks).toBe(2);
  });

  it('never remembers a failure: an unreachable bucket fails every run with BACKUP_STORAGE_UNAVAILABLE', async () => {
    const { state, store } = bucket();
    state.reachable = false;
    const guard = new StorageGuard(store, 2_000, () => 0);
    await expect(guard.assertReachable()).rejects.toMatchObject({ code: BackupsErrorCodes.STORAGE_UNAVAILABLE });
    await expect(guard.assertReachable()).rejects.toMatchObject({ code: BackupsErrorCodes.STORAGE_UNAVAILABLE });
    expect(state.checks).toBe(2);
  });

  it('re-attributes a failure within the TTL to S3 when S3 went down, and keeps it otherwise', async () => {
    const { state, store } = bucket();
    const guard = new StorageGuard(store, 2_000, () => 0);
    await guard.assertReachable();
    const runtimeFailure = new DomainError('RUNTIME_STORAGE_FAILED', 'the runtime could not write the snapshot');

    await expect(guard.attributing(() => Promise.reject(runtimeFailure))).rejects.toBe(runtimeFailure);
    state.reachable = false;
    await expect(guard.attributing(() => Promise.reject(runtimeFailure))).rejects.toMatchObject({
      code: BackupsErrorCodes.STORAGE_UNAVAILABLE,
      message: expect.stringMatching(/^object storage unreachable/),
    });
    await expect(guard.attributing(() => Promise.resolve('snapshot'))).resolves.toBe('snapshot');
  });
});
