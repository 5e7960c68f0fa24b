import { BackupCorrupt } from '@pronote/contracts';
import { StorageError, StorageErrorCode, type ObjectStore } from '@pronote/storage';
import type { RestorePoint } from '../records/restore-point.js';
import { eventOf, type RestorePointsRepository } from '../records/restore-points.repository.js';

export type IntegrityProblem = 'missing' | 'sha256_mismatch' | 'size_mismatch';

export interface FoundProblem {
  key: string;
  problem: IntegrityProblem;
}

/** Re-reads every object of a point; the first problem found, or null when all still match. */
export function findIntegrityProblem(store: ObjectStore, point: RestorePoint): Promise<FoundProblem | null> {
  return firstProblem(store, [{ key: point.objectKey, size: point.sizeBytes, sha256: point.sha256 }, ...annexObjects(point)]);
}

/** The same for an archive's annex files only (a restore has the runtime verify the base object as it reads it). */
export function findAnnexProblem(store: ObjectStore, point: RestorePoint): Promise<FoundProblem | null> {
  return firstProblem(store, annexObjects(point));
}

function annexObjects(point: RestorePoint) {
  return point.annexes.map((annex) => ({ key: annex.key, size: annex.sizeBytes, sha256: annex.sha256 }));
}

async function firstProblem(store: ObjectStore, expected: { key: string; size: number | null; sha256: string | null }[]): Promise<FoundProblem | null> {
  for (const object of expected) {
    try {
      const actual = await store.sha256Of(object.key);
      if (actual.size !== object.size) return { key: object.key, problem: 'size_mismatch' };
      if (actual.sha256 !== object.sha256) return { key: object.key, problem: 'sha256_mismatch' };
    } catch (error) {
      if (error instanceof StorageError && error.code === StorageErrorCode.OBJECT_NOT_FOUND) return { key: object.key, problem: 'missing' };
      throw error;
    }
  }
  return null;
}

/** Marks a point corrupt (once) with its `hosting.backup.corrupt` event. */
export async function reportCorrupt(
  points: RestorePointsRepository,
  point: RestorePoint,
  found: FoundProblem,
  at: Date,
): Promise<boolean> {
  return points.markCorrupt(
    point.id,
    `${found.problem}: ${found.key}`,
    eventOf(BackupCorrupt, {
      restorePointId: point.id,
      uai: point.uai,
      baseId: point.baseId,
      kind: point.kind,
      slot: point.slot.toISOString(),
      objectKey: found.key,
      problem: found.problem,
      detectedAt: at.toISOString(),
    }),
  );
}
