import { BackupsErrorCode } from './errors.js';
import {
  currentSchoolYearStart,
  PLATFORM_DEFAULT_RETENTION,
  planRetention,
  resolveRetentionPolicy,
  type RetentionItem,
  type RetentionPlan,
} from './retention.js';
import { DEFAULT_ARCHIVE_SLOTS, DEFAULT_BACKUP_SLOTS, nextSlots } from './schedule.js';
import { localDateKey } from './zoned-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (iso: string): Date => new Date(iso);

const point = (id: string, takenAt: Date, overrides: Partial<RetentionItem> = {}): RetentionItem => ({
  id,
  kind: 'backup',
  takenAt,
  state: 'complete',
  verifiedAt: null,
  ...overrides,
});

/** `count` complete backups on consecutive 2-hour slots starting after `from`, ids b001, b002, … oldest first. */
const backupsFrom = (from: string, count: number): RetentionItem[] =>
  nextSlots(utc(from), count, DEFAULT_BACKUP_SLOTS).map((slot, index) =>
    point(`b${String(index + 1).padStart(3, '0')}`, slot),
  );

const keptIds = (plan: RetentionPlan<RetentionItem>): string[] => plan.keep.map(({ item }) => item.id).sort();
const prunedIds = (plan: RetentionPlan<RetentionItem>): string[] => plan.prune.map(({ item }) => item.id).sort();
const reasonsOf = (plan: RetentionPlan<RetentionItem>, id: string): string[] =>
  [...(plan.keep.find(({ item }) => item.id === id)?.reasons ?? [])].sort();

describe('planRetention: default policy (last 12 backups, archives of the school year)', () => {
  it('keeps 12 backups', () => {
    const backups = backupsFrom('2022-06-19T00:00:00Z', 12);
    const plan = planRetention(backups, PLATFORM_DEFAULT_RETENTION, utc('2022-06-23T12:00:00Z'));
    expect(plan.prune).toEqual([]);
    expect(plan.keep).toHaveLength(12);
  });

  it('prunes the oldest when the 13th backup completes', () => {
    const backups = backupsFrom('2022-06-19T00:00:00Z', 13);
    const plan = planRetention(backups, PLATFORM_DEFAULT_RETENTION, utc('2022-06-23T12:00:00Z'));
    expect(plan.prune).toEqual([{ item: backups[0], reason: 'expired' }]);
    expect(plan.keep.map(({ item }) => item.id)).toEqual(backups.slice(1).map(({ id }) => id).reverse());
    expect(reasonsOf(plan, 'b013')).toEqual(['keep_last', 'newest_complete']);
    expect(reasonsOf(plan, 'b002')).toEqual(['keep_last']);
  });

  it('does not let failed runs push complete backups out of the last 12', () => {
    const backups = backupsFrom('2022-06-19T00:00:00Z', 14);
    const withFailure = backups.map((item) => (item.id === 'b005' ? { ...item, state: 'failed' as const } : item));
    const plan = planRetention(withFailure, PLATFORM_DEFAULT_RETENTION, utc('2022-06-23T12:00:00Z'));
    expect(plan.prune.map(({ item, reason }) => [item.id, reason])).toEqual([
      ['b005', 'incomplete'],
      ['b001', 'expired'],
    ]);
  });

  it('keeps every archive of the current school year and the newest one of the past year', () => {
    const archives = nextSlots(utc('2022-07-25T00:00:00Z'), 14, DEFAULT_ARCHIVE_SLOTS).map((slot, index) =>
      point(`a${String(index + 1).padStart(2, '0')}`, slot, { kind: 'archive' }),
    );
    // Archives a01…a07 are 25–31 July 2022 (school year 2021-2022); a08… are from 1 August 2022.
    const plan = planRetention(archives, PLATFORM_DEFAULT_RETENTION, utc('2022-08-07T12:00:00Z'));
    expect(prunedIds(plan)).toEqual(['a01', 'a02', 'a03', 'a04', 'a05', 'a06', 'a07']);
    expect(reasonsOf(plan, 'a08')).toEqual(['current_school_year']);
    expect(reasonsOf(plan, 'a14')).toEqual(['current_school_year', 'newest_complete']);

    const nextYear = planRetention(archives, PLATFORM_DEFAULT_RETENTION, utc('2023-08-01T00:00:00Z'));
    expect(keptIds(nextYear)).toEqual(['a14']);
    expect(reasonsOf(nextYear, 'a14')).toEqual(['newest_complete']);
  });
});

describe('planRetention: keep-last, keep-daily and keep-weekly combined as a union', () => {
  // 21 days of backups every 2 hours, 1–21 June 2022 (Paris); "now" is Tuesday 21 June, 23:00.
  const backups = backupsFrom('2022-05-31T22:00:00Z', 21 * 12);
  const now = utc('2022-06-21T21:00:00Z');
  const idAt = (parisIso: string): string => {
    const found = backups.find((item) => item.takenAt.getTime() === utc(parisIso).getTime());
    if (!found) throw new Error(`no backup at ${parisIso}`);
    return found.id;
  };

  it('keeps the newest of each of the last N days, and of each of the last N ISO weeks', () => {
    const policy = resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, { backups: { last: 2, daily: 3, weekly: 3 } });
    const plan = planRetention(backups, policy, now);
    const lastOfDay = (day: string): string => idAt(`2022-06-${day}T22:20:00+02:00`);
    const expected = {
      [idAt('2022-06-21T20:20:00+02:00')]: ['keep_last'],
      [lastOfDay('21')]: ['keep_daily', 'keep_last', 'keep_weekly', 'newest_complete'],
      [lastOfDay('20')]: ['keep_daily'],
      [lastOfDay('19')]: ['keep_daily', 'keep_weekly'], // Sunday: newest of ISO week 24
      [lastOfDay('12')]: ['keep_weekly'], // Sunday: newest of ISO week 23
    };
    expect(Object.fromEntries(plan.keep.map(({ item, reasons }) => [item.id, [...reasons].sort()]))).toEqual(expected);
    expect(plan.prune).toHaveLength(backups.length - 5);
  });

  it('counts only days that have a backup, like restic', () => {
    const withGap = backups.filter((item) => localDateKey(item.takenAt, 'Europe/Paris') !== '2022-06-20');
    const policy = resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, { backups: { last: 0, daily: 2 } });
    const plan = planRetention(withGap, policy, now);
    expect(keptIds(plan)).toEqual(
      [idAt('2022-06-21T22:20:00+02:00'), idAt('2022-06-19T22:20:00+02:00')].sort(),
    );
  });

  it('still keeps the newest complete backup when every rule is zero', () => {
    const policy = resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, { backups: { last: 0, daily: 0, weekly: 0 } });
    const plan = planRetention(backups, policy, now);
    expect(plan.keep.map(({ item, reasons }) => [item.id, reasons])).toEqual([[backups.at(-1)!.id, ['newest_complete']]]);
  });
});

describe('planRetention: safety guarantees', () => {
  const now = utc('2022-06-23T12:00:00Z');

  it('never prunes runs newer than the newest complete one (they may still be running)', () => {
    const backups = backupsFrom('2022-06-19T00:00:00Z', 15);
    const items = backups.map((item) => {
      if (item.id === 'b015') return { ...item, state: 'pending' as const };
      if (item.id === 'b014') return { ...item, state: 'failed' as const };
      return item;
    });
    const plan = planRetention(items, PLATFORM_DEFAULT_RETENTION, now);
    expect(reasonsOf(plan, 'b015')).toEqual(['newer_than_newest_complete']);
    expect(reasonsOf(plan, 'b014')).toEqual(['newer_than_newest_complete']);
    expect(prunedIds(plan)).toEqual(['b001']);
  });

  it('keeps everything of a kind that has no complete item yet', () => {
    const items = backupsFrom('2022-06-19T00:00:00Z', 3).map((item) => ({ ...item, state: 'failed' as const }));
    expect(planRetention(items, PLATFORM_DEFAULT_RETENTION, now).prune).toEqual([]);
  });

  it('keeps the only verified backup even when the policy would drop it', () => {
    const backups = backupsFrom('2022-06-19T00:00:00Z', 14);
    const items = backups.map((item) => (item.id === 'b001' ? { ...item, verifiedAt: utc('2022-06-20T03:00:00Z') } : item));
    const plan = planRetention(items, PLATFORM_DEFAULT_RETENTION, now);
    expect(reasonsOf(plan, 'b001')).toEqual(['last_verified']);
    expect(prunedIds(plan)).toEqual(['b002']);
  });

  it('adds nothing when a verified item is already kept', () => {
    const backups = backupsFrom('2022-06-19T00:00:00Z', 14);
    const items = backups.map((item) =>
      ['b001', 'b010'].includes(item.id) ? { ...item, verifiedAt: utc('2022-06-22T03:00:00Z') } : item,
    );
    const plan = planRetention(items, PLATFORM_DEFAULT_RETENTION, now);
    expect(prunedIds(plan)).toEqual(['b001', 'b002']);
  });

  it('keeps pre-restore safety backups for 30 days, whatever the other rules', () => {
    const items = [
      point('safety-30d', new Date(now.getTime() - 30 * DAY), { kind: 'pre_restore' }),
      point('safety-30d+1ms', new Date(now.getTime() - 30 * DAY - 1), { kind: 'pre_restore' }),
      ...backupsFrom('2022-06-19T00:00:00Z', 12),
    ];
    const plan = planRetention(items, PLATFORM_DEFAULT_RETENTION, now);
    expect(reasonsOf(plan, 'safety-30d')).toEqual(['pre_restore_window']);
    expect(plan.prune).toEqual([{ item: items[1], reason: 'expired' }]);

    const shorter = resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, { preRestoreKeepDays: 7 });
    expect(prunedIds(planRetention(items, shorter, now))).toEqual(['safety-30d', 'safety-30d+1ms']);
  });

  it('puts every item in exactly one list (randomised bases, fixed seed)', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const kinds = ['backup', 'archive', 'pre_restore'] as const;
    const states = ['complete', 'complete', 'complete', 'failed', 'pending'] as const;
    for (let round = 0; round < 200; round += 1) {
      const items = Array.from({ length: Math.floor(random() * 40) }, (_, index) =>
        point(`p${index}`, new Date(now.getTime() - Math.floor(random() * 60 * DAY)), {
          kind: kinds[Math.floor(random() * kinds.length)]!,
          state: states[Math.floor(random() * states.length)]!,
          verifiedAt: random() < 0.1 ? now : null,
        }),
      );
      const policy = resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, {
        backups: { last: Math.floor(random() * 5), daily: Math.floor(random() * 3), weekly: Math.floor(random() * 3) },
      });
      const plan = planRetention(items, policy, now);
      const kept = plan.keep.map(({ item }) => item.id);
      const pruned = plan.prune.map(({ item }) => item.id);
      expect(new Set([...kept, ...pruned]).size).toBe(items.length);
      expect(kept.length + pruned.length).toBe(items.length);
      if (items.some((item) => item.state === 'complete' && item.verifiedAt)) {
        expect(plan.keep.some(({ item }) => item.state === 'complete' && item.verifiedAt)).toBe(true);
      }
      for (const kind of ['backup', 'archive'] as const) {
        const complete = items.filter((item) => item.kind === kind && item.state === 'complete');
        const newest = Math.max(...complete.map((item) => item.takenAt.getTime()));
        for (const item of items.filter((candidate) => candidate.kind === kind)) {
          if (item.takenAt.getTime() >= newest && (item.state !== 'complete' || item.takenAt.getTime() === newest)) {
            expect(kept).toContain(item.id);
          }
        }
      }
    }
  });
});

describe('policy and input validation', () => {
  it('merges a school override over the platform policy', () => {
    const policy = resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, { backups: { daily: 7 }, archives: { weekly: 4 } });
    expect(policy.backups).toEqual({ last: 12, daily: 7, weekly: 0 });
    expect(policy.archives).toEqual({ last: 0, daily: 0, weekly: 4, currentSchoolYear: true });
  });

  it('rejects negative or fractional counts', () => {
    for (const override of [{ backups: { last: -1 } }, { archives: { daily: 1.5 } }, { preRestoreKeepDays: -3 }]) {
      expect(() => resolveRetentionPolicy(PLATFORM_DEFAULT_RETENTION, override)).toThrow(
        expect.objectContaining({ code: BackupsErrorCode.RETENTION_POLICY_INVALID }),
      );
    }
  });

  it('rejects the same restore point listed twice', () => {
    const item = point('dup', utc('2022-06-20T00:20:00Z'));
    expect(() => planRetention([item, item], PLATFORM_DEFAULT_RETENTION, utc('2022-06-23T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: BackupsErrorCode.RETENTION_ITEMS_INVALID }),
    );
  });

  it('starts the school year on 1 August at midnight, Paris time', () => {
    expect(currentSchoolYearStart(utc('2022-07-31T21:59:59Z'), PLATFORM_DEFAULT_RETENTION)).toEqual(
      utc('2021-07-31T22:00:00Z'),
    );
    expect(currentSchoolYearStart(utc('2022-07-31T22:00:00Z'), PLATFORM_DEFAULT_RETENTION)).toEqual(
      utc('2022-07-31T22:00:00Z'),
    );
  });
});
