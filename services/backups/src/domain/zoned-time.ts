/**
 * Wall-clock arithmetic in an IANA time zone with the platform's Intl data only (no library, no I/O).
 *
 * Conventions used everywhere in the backups domain, chosen to match cron-parser (what BullMQ runs):
 * - a wall-clock time that does not exist (spring forward, 02:00 → 03:00 in Europe/Paris) is moved
 *   forward by the length of the gap: 02:20 becomes 03:20 CEST, i.e. the instant 02:20 CET would have been;
 * - a wall-clock time that exists twice (fall back, 03:00 → 02:00) means its first occurrence.
 */

export const SCHOOL_TIME_ZONE = 'Europe/Paris';

export interface WallClock {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

function wallClockAsUtcMs(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Offset of the zone from UTC at this instant, in ms (Europe/Paris: +1 h in winter, +2 h in summer). */
export function utcOffsetMs(instant: Date, timeZone: string): number {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  const offset = wallClockAsUtcMs(wallClockAt(new Date(wholeSecond), timeZone)) - wholeSecond;
  return Math.round(offset / MINUTE_MS) * MINUTE_MS;
}

/**
 * Instants already resolved, per zone and wall-clock time: each costs four or five `formatToParts`,
 * and the same few (a school year's start, a slot's hour) are asked for on every run.
 */
const resolvedInstants = new Map<string, number>();
const MAX_RESOLVED_INSTANTS = 4096;

/** The instant of a wall-clock time (gap: moved forward; overlap: first occurrence; see the file header). */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  const key = `${timeZone}|${wall.year}-${wall.month}-${wall.day} ${wall.hour}:${wall.minute}:${wall.second}`;
  let instant = resolvedInstants.get(key);
  if (instant === undefined) {
    instant = resolveInstant(wall, timeZone);
    if (resolvedInstants.size >= MAX_RESOLVED_INSTANTS) resolvedInstants.clear();
    resolvedInstants.set(key, instant);
  }
  return new Date(instant);
}

function resolveInstant(wall: WallClock, timeZone: string): number {
  const asUtc = wallClockAsUtcMs(wall);
  // Transitions are months apart, so the offsets one day either side bound every offset in play.
  const offsetBefore = utcOffsetMs(new Date(asUtc - DAY_MS), timeZone);
  const offsetAfter = utcOffsetMs(new Date(asUtc + DAY_MS), timeZone);
  const matching = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => asUtc - offset)
    .filter((candidate) => utcOffsetMs(new Date(candidate), timeZone) === asUtc - candidate)
    .sort((a, b) => a - b);
  return matching.length > 0 ? matching[0]! : asUtc - offsetBefore;
}

export function calendarDateAt(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function padNumber(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2022-06-23`: the local calendar day, used as a bucket key and in archive object keys. */
export function localDateKey(instant: Date, timeZone: string): string {
  const { year, month, day } = calendarDateAt(instant, timeZone);
  return `${year}-${padNumber(month)}-${padNumber(day)}`;
}

/** `2022-W25`: the ISO-8601 week of the local calendar day (weeks start on Monday). */
export function localIsoWeekKey(instant: Date, timeZone: string): string {
  const { year, month, day } = calendarDateAt(instant, timeZone);
  const date = new Date(Date.UTC(year, month - 1, day));
  const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  // The ISO year and week are those of the Thursday of the same week.
  date.setUTCDate(date.getUTCDate() + 4 - isoWeekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS + 1) / 7);
  return `${isoYear}-W${padNumber(week)}`;
}
