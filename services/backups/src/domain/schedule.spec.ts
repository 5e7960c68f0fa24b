import { createHash } from 'node:crypto';

import { CronExpressionParser } from 'cron-parser';

import { BackupsErrorCode } from './errors.js';
import {
  DEFAULT_ARCHIVE_SLOTS,
  DEFAULT_BACKUP_SLOTS,
  DEFAULT_SPREAD,
  hasEntriesToSave,
  nextSlots,
  parseSlotPolicy,
  parseSpreadPolicy,
  runIdempotencyKey,
  runTimeFor,
  schedulerRepeatFor,
  slotFor,
  slotsOfLocalDay,
  slotStamp,
  spreadOffsetSeconds,
} from './schedule.js';

const utc = (iso: string): Date => new Date(iso);
const iso = (dates: Date[]): string[] => dates.map((date) => date.toISOString());
/** UUID-shaped, deterministic ids: the shape of real base ids, without a random test. */
const baseIdNumber = (n: number): string => {
  const hex = createHash('sha256').update(`base-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

describe('slotFor (backups at hh:20 every 2 hours, Europe/Paris)', () => {
  it('puts hh:19:59 in the previous slot and hh:20:00 in its own (summer, UTC+2)', () => {
    expect(slotFor(utc('2022-06-23T08:19:59.999Z'))).toEqual(utc('2022-06-23T06:20:00Z')); // 10:19:59 → 08:20
    expect(slotFor(utc('2022-06-23T08:20:00Z'))).toEqual(utc('2022-06-23T08:20:00Z')); // 10:20 → 10:20
  });

  it('crosses midnight: 00:19:59 belongs to 22:20 of the day before', () => {
    expect(slotFor(utc('2022-06-22T22:19:59Z'))).toEqual(utc('2022-06-22T20:20:00Z')); // 00:19:59 → 22:20
    expect(slotFor(utc('2022-06-22T22:20:00Z'))).toEqual(utc('2022-06-22T22:20:00Z')); // 00:20
    expect(slotFor(utc('2022-12-31T22:59:59Z'))).toEqual(utc('2022-12-31T21:20:00Z')); // 23:59:59 CET → 22:20
  });

  it('maps a whole 2-hour window to one slot (winter, UTC+1)', () => {
    const slot = utc('2023-01-10T13:20:00Z'); // 14:20 CET
    expect(slotFor(utc('2023-01-10T13:20:00Z'))).toEqual(slot);
    expect(slotFor(utc('2023-01-10T15:19:59Z'))).toEqual(slot);
    expect(slotFor(utc('2023-01-10T15:20:00Z'))).toEqual(utc('2023-01-10T15:20:00Z'));
  });

  it('spring forward (2022-03-27): 02:20 does not exist and moves to 03:20 CEST', () => {
    const day = slotsOfLocalDay({ year: 2022, month: 3, day: 27 }, DEFAULT_BACKUP_SLOTS);
    expect(day).toHaveLength(12);
    expect(iso(day.slice(0, 3))).toEqual([
      '2022-03-26T23:20:00.000Z', // 00:20 CET
      '2022-03-27T01:20:00.000Z', // "02:20" → 03:20 CEST
      '2022-03-27T02:20:00.000Z', // 04:20 CEST
    ]);
    expect(slotFor(utc('2022-03-27T01:19:59Z'))).toEqual(utc('2022-03-26T23:20:00Z'));
    expect(slotFor(utc('2022-03-27T01:20:00Z'))).toEqual(utc('2022-03-27T01:20:00Z'));
  });

  it('fall back (2022-10-30): 02:20 happens twice and only the first is a slot', () => {
    const day = slotsOfLocalDay({ year: 2022, month: 10, day: 30 }, DEFAULT_BACKUP_SLOTS);
    expect(day).toHaveLength(12);
    expect(iso(day.slice(0, 3))).toEqual([
      '2022-10-29T22:20:00.000Z', // 00:20 CEST
      '2022-10-30T00:20:00.000Z', // 02:20 CEST (first 02:20)
      '2022-10-30T03:20:00.000Z', // 04:20 CET: 3 hours later
    ]);
    // The second 02:20 (CET, 01:20Z) still belongs to the first one's slot.
    expect(slotFor(utc('2022-10-30T01:20:00Z'))).toEqual(utc('2022-10-30T00:20:00Z'));
    expect(slotFor(utc('2022-10-30T03:19:59Z'))).toEqual(utc('2022-10-30T00:20:00Z'));
  });

  it('archives at 02:37 daily, moved to 03:37 on the spring-forward day, first 02:37 on fall-back day', () => {
    expect(slotFor(utc('2022-06-23T00:36:59Z'), DEFAULT_ARCHIVE_SLOTS)).toEqual(utc('2022-06-22T00:37:00Z'));
    expect(slotFor(utc('2022-06-23T00:37:00Z'), DEFAULT_ARCHIVE_SLOTS)).toEqual(utc('2022-06-23T00:37:00Z'));
    expect(iso(nextSlots(utc('2022-03-26T12:00:00Z'), 3, DEFAULT_ARCHIVE_SLOTS))).toEqual([
      '2022-03-27T01:37:00.000Z', // 03:37 CEST
      '2022-03-28T00:37:00.000Z',
      '2022-03-29T00:37:00.000Z',
    ]);
    expect(iso(nextSlots(utc('2022-10-29T12:00:00Z'), 2, DEFAULT_ARCHIVE_SLOTS))).toEqual([
      '2022-10-30T00:37:00.000Z', // 02:37 CEST
      '2022-10-31T01:37:00.000Z', // 02:37 CET
    ]);
  });
});

describe('nextSlots', () => {
  it('lists the slots strictly after the given instant', () => {
    expect(iso(nextSlots(utc('2022-06-23T02:20:00Z'), 3))).toEqual([
      '2022-06-23T04:20:00.000Z',
      '2022-06-23T06:20:00.000Z',
      '2022-06-23T08:20:00.000Z',
    ]);
    expect(iso(nextSlots(utc('2022-06-23T21:00:00Z'), 2))).toEqual([
      '2022-06-23T22:20:00.000Z', // 00:20 on the 24th
      '2022-06-24T00:20:00.000Z',
    ]);
  });

  it('gives 12 backup slots on every day of a year, DST days included', () => {
    const slots = nextSlots(utc('2022-08-31T22:00:00Z'), 365 * 12); // from 1 Sept 2022 00:00 Paris
    expect(new Set(iso(slots)).size).toBe(365 * 12);
    expect(slots.at(-1)).toEqual(utc('2023-08-31T20:20:00Z')); // 31 Aug 2023 22:20 CEST
  });

  it('honours a configured minute and interval', () => {
    const hourlyAt05 = parseSlotPolicy({ everyHours: 1, minute: 5 }, DEFAULT_BACKUP_SLOTS);
    expect(iso(nextSlots(utc('2023-01-10T10:05:00Z'), 2, hourlyAt05))).toEqual([
      '2023-01-10T11:05:00.000Z',
      '2023-01-10T12:05:00.000Z',
    ]);
  });
});

describe('parseSlotPolicy / parseSpreadPolicy', () => {
  it('rejects intervals that do not divide a day, bad minutes and unknown zones', () => {
    for (const bad of [{ everyHours: 5 }, { minute: 60 }, { timeZone: 'Mars/Olympus' }, { firstHour: 2 }]) {
      expect(() => parseSlotPolicy(bad, DEFAULT_BACKUP_SLOTS)).toThrow(
        expect.objectContaining({ code: BackupsErrorCode.SCHEDULE_POLICY_INVALID }),
      );
    }
  });

  it('refuses a spread that would push hh:50 runs into the next hour', () => {
    const at50 = parseSlotPolicy({ minute: 50 }, DEFAULT_BACKUP_SLOTS);
    expect(() => parseSpreadPolicy({ windowSeconds: 900 }, at50)).toThrow(
      expect.objectContaining({ code: BackupsErrorCode.SCHEDULE_POLICY_INVALID }),
    );
    expect(parseSpreadPolicy({ windowSeconds: 600 }, at50)).toEqual({ windowSeconds: 600 });
    expect(parseSpreadPolicy(undefined, DEFAULT_BACKUP_SLOTS)).toEqual(DEFAULT_SPREAD);
  });
});

describe('per-school spread', () => {
  it('is stable and stays inside the window', () => {
    const id = baseIdNumber(1);
    expect(spreadOffsetSeconds(id)).toBe(spreadOffsetSeconds(id));
    for (let n = 0; n < 1000; n += 1) {
      const offset = spreadOffsetSeconds(baseIdNumber(n));
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(900);
    }
  });

  it('spreads 10,000 bases over the 900 seconds of the window', () => {
    const perSecond = new Array<number>(900).fill(0);
    for (let n = 0; n < 10_000; n += 1) perSecond[spreadOffsetSeconds(baseIdNumber(n))]! += 1;
    const average = 10_000 / 900;
    // A stateless hash gives Poisson-like counts (mean 11.1): the busiest second is typically 20–24,
    // so "at most 2× the average" (22.2) is exceeded by one second in most random id sets; 2.5× is not.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(2.5 * average);
    expect(perSecond.filter((count) => count === 0)).toHaveLength(0);
    const firstHalf = perSecond.slice(0, 450).reduce((sum, count) => sum + count, 0);
    expect(Math.abs(firstHalf - 5000)).toBeLessThan(200); // ±4σ of a fair split
  });
});

describe('schedulerRepeatFor (BullMQ job scheduler options)', () => {
  it('writes the offset into the seconds and minutes of a six-field pattern', () => {
    const id = baseIdNumber(7);
    const offset = spreadOffsetSeconds(id);
    const repeat = schedulerRepeatFor(id);
    expect(repeat).toEqual({
      pattern: `${offset % 60} ${20 + Math.floor(offset / 60)} 0,2,4,6,8,10,12,14,16,18,20,22 * * *`,
      tz: 'Europe/Paris',
      offsetSeconds: offset,
    });
    expect(schedulerRepeatFor(id, DEFAULT_ARCHIVE_SLOTS).pattern).toBe(
      `${offset % 60} ${37 + Math.floor(offset / 60)} 2 * * *`,
    );
  });

  // cron-parser is what BullMQ evaluates: its fire times must be our slots shifted by the offset.
  it.each([
    ['spring forward', '2022-03-20T12:00:00Z'],
    ['fall back', '2022-10-23T12:00:00Z'],
    ['new year', '2022-12-25T12:00:00Z'],
  ])('fires at exactly slot + offset for two weeks around %s', (_label, from) => {
    const start = utc(from);
    for (const id of [baseIdNumber(1), baseIdNumber(2), baseIdNumber(3)]) {
      for (const [slots, perDay] of [
        [DEFAULT_BACKUP_SLOTS, 12],
        [DEFAULT_ARCHIVE_SLOTS, 1],
      ] as const) {
        const { pattern, tz } = schedulerRepeatFor(id, slots);
        const cron = CronExpressionParser.parse(pattern, { currentDate: start, tz });
        for (const slot of nextSlots(start, 14 * perDay, slots)) {
          const fire = cron.next().toDate();
          expect(fire).toEqual(runTimeFor(slot, id));
          expect(slotFor(fire, slots)).toEqual(slot);
        }
      }
    }
  });
});

describe('idempotency keys', () => {
  it('identify a run by base and UTC slot, in a form BullMQ accepts as jobId', () => {
    const slot = slotFor(utc('2022-06-23T02:25:00Z'));
    expect(slotStamp(slot)).toBe('20220623T022000Z');
    const key = runIdempotencyKey('backup', 'b-1', slot);
    expect(key).toBe('backup-b-1-20220623T022000Z');
    expect(key).not.toContain(':');
    expect(runIdempotencyKey('backup', 'b-1', slotFor(utc('2022-06-23T04:19:59Z')))).toBe(key);
  });
});

describe('hasEntriesToSave', () => {
  it('skips a slot when nothing was entered since the newest backup', () => {
    const savedAt = utc('2022-06-20T00:10:00Z');
    expect(hasEntriesToSave(null, null)).toBe(false);
    expect(hasEntriesToSave(savedAt, null)).toBe(true);
    expect(hasEntriesToSave(savedAt, savedAt)).toBe(false);
    expect(hasEntriesToSave(utc('2022-06-20T00:10:00.001Z'), savedAt)).toBe(true);
  });
});
