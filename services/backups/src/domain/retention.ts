/**
 * Which backups and archives to keep (the issue's policy, restic `forget`-style rules per platform and
 * per school). Rules only: the caller lists one base's records and deletes what `prune` returns.
 */
import { z } from 'zod';

import { BackupsDomainError, BackupsErrorCode } from './errors.js';
import {
  calendarDateAt,
  instantOfWallClock,
  isValidTimeZone,
  localDateKey,
  localIsoWeekKey,
  SCHOOL_TIME_ZONE,
} from './zoned-time.js';

/** `pre_restore`: the safety backup taken of the live base just before a restore replaces it. */
export type RestorePointKind = 'backup' | 'archive' | 'pre_restore';
export type RestorePointState = 'pending' | 'complete' | 'failed';

export interface RetentionItem {
  readonly id: string;
  readonly kind: RestorePointKind;
  /** The slot instant of a scheduled run; the creation instant of a pre-restore backup. */
  readonly takenAt: Date;
  readonly state: RestorePointState;
  /** Last successful verification (re-hash or restore drill), null if never verified. */
  readonly verifiedAt: Date | null;
}

export interface KeepRules {
  readonly last: number;
  /** Newest item of each of the last N local days that have one (restic `--keep-daily`). */
  readonly daily: number;
  /** Newest item of each of the last N ISO weeks that have one (restic `--keep-weekly`). */
  readonly weekly: number;
}

export interface ArchiveKeepRules extends KeepRules {
  readonly currentSchoolYear: boolean;
}

export interface RetentionPolicy {
  readonly backups: KeepRules;
  readonly archives: ArchiveKeepRules;
  readonly preRestoreKeepDays: number;
  /** First local day of a school year. 1 August: after the last classes, before the new base's summer work. */
  readonly schoolYearStart: { readonly month: number; readonly day: number };
  readonly timeZone: string;
}

export interface RetentionOverride {
  readonly backups?: Partial<KeepRules>;
  readonly archives?: Partial<ArchiveKeepRules>;
  readonly preRestoreKeepDays?: number;
}

export const PLATFORM_DEFAULT_RETENTION: RetentionPolicy = {
  backups: { last: 12, daily: 0, weekly: 0 },
  archives: { last: 0, daily: 0, weekly: 0, currentSchoolYear: true },
  preRestoreKeepDays: 30,
  schoolYearStart: { month: 8, day: 1 },
  timeZone: SCHOOL_TIME_ZONE,
};

export type KeepReason =
  | 'keep_last'
  | 'keep_daily'
  | 'keep_weekly'
  | 'current_school_year'
  | 'pre_restore_window'
  | 'newest_complete'
  | 'newer_than_newest_complete'
  | 'last_verified';

/** `incomplete`: a failed or abandoned run older than a complete one of its kind. */
export type PruneReason = 'expired' | 'incomplete';

export interface RetentionPlan<T extends RetentionItem> {
  readonly keep: ReadonlyArray<{ readonly item: T; readonly reasons: readonly KeepReason[] }>;
  readonly prune: ReadonlyArray<{ readonly item: T; readonly reason: PruneReason }>;
}

const count = z.number().int().min(0).max(100_000);
const keepRulesSchema = z.object({ last: count, daily: count, weekly: count }).strict();
const policySchema = z
  .object({
    backups: keepRulesSchema,
    archives: keepRulesSchema.extend({ currentSchoolYear: z.boolean() }).strict(),
    preRestoreKeepDays: count,
    schoolYearStart: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }),
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
  })
  .strict();

/** The platform policy with a school's overrides applied, validated. */
export function resolveRetentionPolicy(platform: RetentionPolicy, school: RetentionOverride = {}): RetentionPolicy {
  const merged = {
    ...platform,
    ...(school.preRestoreKeepDays === undefined ? {} : { preRestoreKeepDays: school.preRestoreKeepDays }),
    backups: { ...platform.backups, ...school.backups },
    archives: { ...platform.archives, ...school.archives },
  };
  const result = policySchema.safeParse(merged);
  if (!result.success) {
    throw new BackupsDomainError(BackupsErrorCode.RETENTION_POLICY_INVALID, 'Invalid retention policy', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}

/** The instant the school year containing `now` began, in the policy's zone. */
export function currentSchoolYearStart(now: Date, policy: RetentionPolicy): Date {
  const today = calendarDateAt(now, policy.timeZone);
  const { month, day } = policy.schoolYearStart;
  const startedThisYear = today.month > month || (today.month === month && today.day >= day);
  const year = startedThisYear ? today.year : today.year - 1;
  return instantOfWallClock({ year, month, day, hour: 0, minute: 0, second: 0 }, policy.timeZone);
}

const DAY_MS = 86_400_000;

/**
 * Splits one base's restore points into keep and prune. Guarantees, whatever the policy:
 * an item newer than the newest complete one of its kind is kept (it may still be running);
 * the newest complete backup and archive are kept; at least one verified restore point is kept;
 * a pre-restore backup is kept for `preRestoreKeepDays`; every item lands in exactly one list.
 */
export function planRetention<T extends RetentionItem>(
  items: readonly T[],
  policy: RetentionPolicy,
  now: Date,
): RetentionPlan<T> {
  assertUsableItems(items);
  const reasons = new Map<string, Set<KeepReason>>();
  const keepFor = (item: T, reason: KeepReason): void => {
    const set = reasons.get(item.id) ?? new Set<KeepReason>();
    set.add(reason);
    reasons.set(item.id, set);
  };
  const newestFirst = [...items].sort(newestFirstOrder);
  const newestCompleteByKind = new Map<RestorePointKind, T>();
  for (const item of newestFirst) {
    if (item.state === 'complete' && !newestCompleteByKind.has(item.kind)) newestCompleteByKind.set(item.kind, item);
  }

  for (const item of newestFirst) {
    const newestComplete = newestCompleteByKind.get(item.kind);
    if (item.state !== 'complete' && (!newestComplete || item.takenAt.getTime() > newestComplete.takenAt.getTime())) {
      keepFor(item, 'newer_than_newest_complete');
    }
  }

  const completeOf = (kind: RestorePointKind): T[] =>
    newestFirst.filter((item) => item.kind === kind && item.state === 'complete');
  applyKeepRules(completeOf('backup'), policy.backups, policy.timeZone, keepFor);
  const completeArchives = completeOf('archive');
  applyKeepRules(completeArchives, policy.archives, policy.timeZone, keepFor);
  if (policy.archives.currentSchoolYear && completeArchives.length > 0) {
    const yearStart = currentSchoolYearStart(now, policy);
    for (const archive of completeArchives) {
      if (archive.takenAt.getTime() >= yearStart.getTime()) keepFor(archive, 'current_school_year');
    }
  }
  for (const safety of completeOf('pre_restore')) {
    if (now.getTime() - safety.takenAt.getTime() <= policy.preRestoreKeepDays * DAY_MS) {
      keepFor(safety, 'pre_restore_window');
    }
  }
  for (const kind of ['backup', 'archive'] as const) {
    const newest = newestCompleteByKind.get(kind);
    if (newest) keepFor(newest, 'newest_complete');
  }

  const verified = newestFirst.filter((item) => item.state === 'complete' && item.verifiedAt !== null);
  if (verified.length > 0 && !verified.some((item) => reasons.has(item.id))) keepFor(verified[0]!, 'last_verified');

  return {
    keep: newestFirst
      .filter((item) => reasons.has(item.id))
      .map((item) => ({ item, reasons: [...reasons.get(item.id)!] })),
    prune: newestFirst
      .filter((item) => !reasons.has(item.id))
      .map((item) => ({ item, reason: item.state === 'complete' ? ('expired' as const) : ('incomplete' as const) })),
  };
}

function applyKeepRules<T extends RetentionItem>(
  completeNewestFirst: readonly T[],
  rules: KeepRules,
  timeZone: string,
  keepFor: (item: T, reason: KeepReason) => void,
): void {
  completeNewestFirst.slice(0, rules.last).forEach((item) => keepFor(item, 'keep_last'));
  keepNewestPerBucket(completeNewestFirst, rules.daily, (item) => localDateKey(item.takenAt, timeZone)).forEach(
    (item) => keepFor(item, 'keep_daily'),
  );
  keepNewestPerBucket(completeNewestFirst, rules.weekly, (item) => localIsoWeekKey(item.takenAt, timeZone)).forEach(
    (item) => keepFor(item, 'keep_weekly'),
  );
}

function keepNewestPerBucket<T>(newestFirst: readonly T[], buckets: number, bucketOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const item of newestFirst) {
    if (seen.size >= buckets) break;
    const bucket = bucketOf(item);
    if (!seen.has(bucket)) {
      seen.add(bucket);
      kept.push(item);
    }
  }
  return kept;
}

function newestFirstOrder(a: RetentionItem, b: RetentionItem): number {
  return b.takenAt.getTime() - a.takenAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function assertUsableItems(items: readonly RetentionItem[]): void {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) {
      throw new BackupsDomainError(BackupsErrorCode.RETENTION_ITEMS_INVALID, `Restore point ${item.id} listed twice`, {
        id: item.id,
      });
    }
    if (Number.isNaN(item.takenAt.getTime())) {
      throw new BackupsDomainError(BackupsErrorCode.RETENTION_ITEMS_INVALID, `Restore point ${item.id} has no valid date`, {
        id: item.id,
      });
    }
    ids.add(item.id);
  }
}
