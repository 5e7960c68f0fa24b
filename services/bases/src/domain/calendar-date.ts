import { DomainError } from '@pronote/contracts';

/**
 * A calendar date `YYYY-MM-DD`, without time or zone: school years, switch days and opening days
 * are calendar facts of metropolitan France, so the rules compare dates, never instants.
 * ISO strings of the same length sort in chronological order, which the rules rely on.
 */
export type CalendarDate = string;

export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

export const CalendarDateErrorCode = { DATE_INVALID: 'DATE_INVALID' } as const;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parseCalendarDate(value: string, field = 'date'): CalendarDateParts {
  const match = CALENDAR_DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new DomainError(CalendarDateErrorCode.DATE_INVALID, `${field} must be a calendar date YYYY-MM-DD, got "${value}"`, {
    field,
    value,
  });
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(date: CalendarDate): number {
  const { year, month, day } = parseCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The calendar date of an instant as seen in Paris, where the hosted schools' days begin and end. */
export function calendarDateInParis(instant: Date): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whether `date` falls on or after the given month/day of its own year. */
export function isOnOrAfterMonthDay(date: CalendarDateParts, boundary: MonthDay): boolean {
  return date.month > boundary.month || (date.month === boundary.month && date.day >= boundary.day);
}
