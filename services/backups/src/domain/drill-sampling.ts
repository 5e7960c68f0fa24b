/**
 * Which restore points to restore in the next drill run: a hash check proves the bytes, only a restore
 * proves the backup. Least-recently-verified first, at most `maxPerRun`, spread over schools so one
 * school's dozen backups never take a whole run; repeated runs rotate through every restore point.
 */
import { BackupsDomainError, BackupsErrorCode } from './errors.js';
import type { RestorePointKind } from './retention.js';

export interface DrillCandidate {
  readonly id: string;
  /** The school (UAI); spreading is per school. */
  readonly uai: string;
  readonly kind: RestorePointKind;
  readonly completedAt: Date;
  /** Last successful restore drill of this item, null if never drilled. */
  readonly lastVerifiedAt: Date | null;
}

export interface DrillSamplingOptions {
  readonly maxPerRun: number;
  /** Items of one school in one run; reached only once every other school has had its turn. */
  readonly maxPerSchool: number;
}

export const DEFAULT_DRILL_SAMPLING: DrillSamplingOptions = { maxPerRun: 20, maxPerSchool: 1 };

/** Only complete restore points belong in `candidates`; the result is in drill order. */
export function pickDrillSample<T extends DrillCandidate>(
  candidates: readonly T[],
  options: DrillSamplingOptions = DEFAULT_DRILL_SAMPLING,
): T[] {
  assertOptions(options);
  const bySchool = new Map<string, T[]>();
  for (const candidate of [...candidates].sort(drillPriority)) {
    const queue = bySchool.get(candidate.uai) ?? [];
    queue.push(candidate);
    bySchool.set(candidate.uai, queue);
  }
  const schoolStaleness = new Map([...bySchool].map(([uai, queue]) => [uai, latestVerification(queue)]));

  const picked: T[] = [];
  for (let round = 0; round < options.maxPerSchool && picked.length < options.maxPerRun; round += 1) {
    const roundCandidates = [...bySchool.values()]
      .map((queue) => queue[round])
      .filter((candidate): candidate is T => candidate !== undefined)
      .sort(
        (a, b) =>
          drillPriority(a, b) ||
          compareNumbers(schoolStaleness.get(a.uai)!, schoolStaleness.get(b.uai)!) ||
          compareText(a.uai, b.uai),
      );
    picked.push(...roundCandidates.slice(0, options.maxPerRun - picked.length));
  }
  return picked;
}

/** Never verified first, then the oldest verification; among equals the newest backup, the one a school would restore. */
function drillPriority(a: DrillCandidate, b: DrillCandidate): number {
  return (
    compareNumbers(verificationTime(a), verificationTime(b)) ||
    compareNumbers(b.completedAt.getTime(), a.completedAt.getTime()) ||
    compareText(a.id, b.id)
  );
}

function verificationTime(candidate: DrillCandidate): number {
  return candidate.lastVerifiedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
}

function latestVerification(queue: readonly DrillCandidate[]): number {
  return Math.max(...queue.map(verificationTime));
}

// Subtraction would give NaN for two never-verified items (−∞ − −∞).
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertOptions(options: DrillSamplingOptions): void {
  const valid =
    Number.isSafeInteger(options.maxPerRun) &&
    options.maxPerRun >= 0 &&
    Number.isSafeInteger(options.maxPerSchool) &&
    options.maxPerSchool >= 1;
  if (!valid) {
    throw new BackupsDomainError(BackupsErrorCode.DRILL_SAMPLING_INVALID, 'Invalid drill sampling options', { options });
  }
}
