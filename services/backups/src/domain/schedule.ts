/**
 * When backups (.sauvs) and archives (.archs) run.
 *
 * A slot is a wall-clock time in the schools' zone (hh:20 every 2 hours, 02:37 daily by default) and
 * is identified by its UTC instant: the idempotency key of a run is (baseId, slot instant).
 * DST in Europe/Paris, the same rules cron-parser (hence BullMQ) applies:
 * - spring forward (last Sunday of March): 02:20 does not exist; the slot moves to 03:20 CEST
 *   (01:20Z), so the day keeps its 12 backup slots and its archive (03:37 CEST, named "03h37");
 * - fall back (last Sunday of October): 02:20 exists twice; only the first (CEST, 00:20Z) is a slot,
 *   so the day has 12 backup slots, one of them 3 hours after the previous one.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

import { BackupsDomainError, BackupsErrorCode } from './errors.js';
import {
  addDays,
  calendarDateAt,
  instantOfWallClock,
  isValidTimeZone,
  SCHOOL_TIME_ZONE,
  type CalendarDate,
} from './zoned-time.js';

const HOURS_DIVIDING_A_DAY = [1, 2, 3, 4, 6, 8, 12, 24] as const;

export interface SlotPolicy {
  readonly timeZone: string;
  /** Every `everyHours` hours from `firstHour`, at `minute`; `everyHours` divides 24 so every day looks the same. */
  readonly firstHour: number;
  readonly everyHours: number;
  readonly minute: number;
}

export interface SpreadPolicy {
  /** Width of the per-school spread after the slot; offsets are 0 … windowSeconds − 1. */
  readonly windowSeconds: number;
}

export const DEFAULT_BACKUP_SLOTS: SlotPolicy = { timeZone: SCHOOL_TIME_ZONE, firstHour: 0, everyHours: 2, minute: 20 };
export const DEFAULT_ARCHIVE_SLOTS: SlotPolicy = { timeZone: SCHOOL_TIME_ZONE, firstHour: 2, everyHours: 24, minute: 37 };
export const DEFAULT_SPREAD: SpreadPolicy = { windowSeconds: 15 * 60 };

const slotPolicySchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
    firstHour: z.number().int().min(0).max(23),
    everyHours: z
      .number()
      .int()
      .refine((hours) => (HOURS_DIVIDING_A_DAY as readonly number[]).includes(hours), 'must divide 24'),
    minute: z.number().int().min(0).max(59),
  })
  .strict()
  .refine((policy) => policy.firstHour < policy.everyHours, 'firstHour must be below everyHours');

const spreadPolicySchema = z.object({ windowSeconds: z.number().int().min(1).max(3600) }).strict();

/** Validates a slot policy coming from configuration (partial values fall back to `defaults`). */
export function parseSlotPolicy(input: unknown, defaults: SlotPolicy): SlotPolicy {
  const merged = typeof input === 'object' && input !== null ? { ...defaults, ...input } : input;
  const result = slotPolicySchema.safeParse(merged);
  if (!result.success) {
    throw new BackupsDomainError(BackupsErrorCode.SCHEDULE_POLICY_INVALID, 'Invalid backup schedule policy', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}

/** Validates the spread window (absent → the 15-minute default) against the slots it follows. */
export function parseSpreadPolicy(input: unknown, slots: SlotPolicy): SpreadPolicy {
  const result = spreadPolicySchema.safeParse(input ?? DEFAULT_SPREAD);
  if (!result.success) {
    throw new BackupsDomainError(BackupsErrorCode.SCHEDULE_POLICY_INVALID, 'Invalid spread window', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  assertSpreadStaysInSlotHour(slots, result.data);
  return result.data;
}

/**
 * The offset is written into the cron pattern's minute and second fields. Keeping it inside the slot's
 * hour makes "fire = slot + offset" exact on DST days too, since Paris changes offset on whole hours.
 */
function assertSpreadStaysInSlotHour(slots: SlotPolicy, spread: SpreadPolicy): void {
  if (slots.minute * 60 + spread.windowSeconds > 3600) {
    throw new BackupsDomainError(
      BackupsErrorCode.SCHEDULE_POLICY_INVALID,
      `A ${spread.windowSeconds}s spread after minute ${slots.minute} would cross into the next hour`,
      { minute: slots.minute, windowSeconds: spread.windowSeconds },
    );
  }
}

export function slotHours(policy: SlotPolicy): number[] {
  const hours: number[] = [];
  for (let hour = policy.firstHour; hour < 24; hour += policy.everyHours) hours.push(hour);
  return hours;
}

/** The slot instants of one local calendar day, ascending (a DST gap can merge two of them). */
export function slotsOfLocalDay(date: CalendarDate, policy: SlotPolicy): Date[] {
  const instants = slotHours(policy).map((hour) =>
    instantOfWallClock({ ...date, hour, minute: policy.minute, second: 0 }, policy.timeZone).getTime(),
  );
  return [...new Set(instants)].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/**
 * The slot a run at `at` belongs to: the latest slot at or before `at` (hh:19:59 belongs to the previous
 * slot, hh:20:00 to its own). Pass the job's scheduled time rather than "now" so a late worker still
 * lands on the right slot; a run delayed past the next slot would otherwise be counted as that one.
 */
export function slotFor(at: Date, policy: SlotPolicy = DEFAULT_BACKUP_SLOTS): Date {
  const today = calendarDateAt(at, policy.timeZone);
  const candidates = [...slotsOfLocalDay(addDays(today, -1), policy), ...slotsOfLocalDay(today, policy)];
  const latest = candidates.filter((slot) => slot.getTime() <= at.getTime()).pop();
  // Every local day holds at least one slot, so yesterday's always qualifies.
  return latest!;
}

/** The next `count` slots strictly after `from`, ascending. */
export function nextSlots(from: Date, count: number, policy: SlotPolicy = DEFAULT_BACKUP_SLOTS): Date[] {
  const slots: Date[] = [];
  let day = calendarDateAt(from, policy.timeZone);
  while (slots.length < count) {
    for (const slot of slotsOfLocalDay(day, policy)) {
      if (slot.getTime() > from.getTime() && slots.length < count) slots.push(slot);
    }
    day = addDays(day, 1);
  }
  return slots;
}

/** A stable per-base offset in [0, windowSeconds): sha256 spreads even near-identical ids uniformly. */
export function spreadOffsetSeconds(baseId: string, spread: SpreadPolicy = DEFAULT_SPREAD): number {
  const digest = createHash('sha256').update(baseId, 'utf8').digest();
  return digest.readUIntBE(0, 6) % spread.windowSeconds;
}

export interface SchedulerRepeat {
  /** Six-field cron pattern (seconds first) with the base's offset already applied. */
  readonly pattern: string;
  readonly tz: string;
  readonly offsetSeconds: number;
}

/**
 * What to pass to BullMQ's `upsertJobScheduler(id, { pattern, tz })`. The offset lives in the pattern:
 * BullMQ 6.7 honours `repeat.offset` only for `every` schedulers, and `every` fires every school's first
 * job at registration time, all in the same second.
 */
export function schedulerRepeatFor(
  baseId: string,
  slots: SlotPolicy = DEFAULT_BACKUP_SLOTS,
  spread: SpreadPolicy = DEFAULT_SPREAD,
): SchedulerRepeat {
  assertSpreadStaysInSlotHour(slots, spread);
  const offsetSeconds = spreadOffsetSeconds(baseId, spread);
  const secondsIntoHour = slots.minute * 60 + offsetSeconds;
  const minute = Math.floor(secondsIntoHour / 60);
  const second = secondsIntoHour % 60;
  return { pattern: `${second} ${minute} ${slotHours(slots).join(',')} * * *`, tz: slots.timeZone, offsetSeconds };
}

/** When the run of `slot` fires for this base. */
export function runTimeFor(slot: Date, baseId: string, spread: SpreadPolicy = DEFAULT_SPREAD): Date {
  return new Date(slot.getTime() + spreadOffsetSeconds(baseId, spread) * 1000);
}

/** `20220623T022000Z`: a slot's UTC instant, compact and free of `:` (BullMQ job ids and object keys). */
export function slotStamp(slot: Date): string {
  return slot.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export type RunKind = 'backup' | 'archive';

/** Idempotency key of a scheduled run: usable as BullMQ `jobId` (no `:`, never an integer). */
export function runIdempotencyKey(kind: RunKind, baseId: string, slot: Date): string {
  return `${kind}-${baseId}-${slotStamp(slot)}`;
}

/**
 * A slot with nothing new to save is skipped: the seed's listing (Fiche 9) has no 02:20 backup on
 * 20/06 while its neighbours exist, and its rotating index still advances by one per backup taken.
 * `lastSavedEntryAt` is the base's last-entry time recorded with the newest complete backup.
 */
export function hasEntriesToSave(lastEntryAt: Date | null, lastSavedEntryAt: Date | null): boolean {
  if (lastEntryAt === null) return false;
  return lastSavedEntryAt === null || lastEntryAt.getTime() > lastSavedEntryAt.getTime();
}
