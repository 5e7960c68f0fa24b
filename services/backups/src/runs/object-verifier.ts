import type { ObjectStore } from '@pronote/storage';
import { SnapshotMismatchError } from './runs.errors.js';

/** Re-reads an object and checks it against the size and sha256 it is supposed to have. */
export async function verifyStoredObject(store: ObjectStore, expected: { key: string; size: number; sha256: string }): Promise<void> {
  const actual = await store.sha256Of(expected.key);
  if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
    throw new SnapshotMismatchError({ key: expected.key, expected, actual });
  }
}
