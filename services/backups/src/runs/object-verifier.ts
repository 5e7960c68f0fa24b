import type { ObjectStore } from '@pronote/storage';
import { SnapshotMismatchError } from './runs.errors.js';

/**
 * Checks that the object at `key` is the one described (size + sha256). An object written by one PUT
 * of libs/storage carried its sha256 (`x-amz-checksum-sha256`): the store hashed the bytes it
 * received, would have refused others, and keeps that checksum, so a HEAD tells — without reading
 * the object — whether the version now at `key` is exactly those bytes. An object the store keeps no
 * whole-object sha256 for (multipart upload, or missing) is read again and re-hashed.
 */
export async function verifyStoredObject(store: ObjectStore, expected: { key: string; size: number; sha256: string }): Promise<void> {
  const stored = await store.describeChecked(expected.key);
  const actual = stored?.sha256 ? { size: stored.size, sha256: stored.sha256 } : await store.sha256Of(expected.key);
  if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
    throw new SnapshotMismatchError({ key: expected.key, expected, actual });
  }
}
