import { DomainError } from '@pronote/contracts';
import { z } from 'zod';
import { calendarDate, parseCalendarDate, isOnOrAfterMonthDay, type CalendarDate, type MonthDay } from './calendar-date.js';

/**
 * School years ("2022-2023") and the dates attached to them.
 *
 * Default first and last days are those of the seed's "Récupérer les données" dialog (Fiche 7),
 * identical over four years: 02/09 to 06/07. They are a fixed calendar convention there, not
 * "first weekday" rules (02/09/2018 is a Sunday), so we keep them fixed and configurable.
 */

export const SchoolYearErrorCode = {
  SCHOOL_YEAR_INVALID: 'SCHOOL_YEAR_INVALID',
  PREVIOUS_YEARS_OUT_OF_RANGE: 'PREVIOUS_YEARS_OUT_OF_RANGE',
} as const;

export interface SchoolYear {
  /** "2022-2023". */
  readonly label: string;
  readonly startYear: number;
  readonly endYear: number;
}

/** Years we accept at all; anything outside is a typo, not a school year we could host. */
export const SCHOOL_YEAR_LIMITS = { minStartYear: 2000, maxStartYear: 2099 } as const;

/** Administrative-mode users may consult the bases of the 5 previous years (Fiche 5). */
export const MAX_PREVIOUS_YEARS_FOR_CONSULTATION = 5;

export interface SchoolYearCalendar {
  readonly firstDay: MonthDay;
  readonly lastDay: MonthDay;
}

export const DEFAULT_SCHOOL_YEAR_CALENDAR: SchoolYearCalendar = {
  firstDay: { month: 9, day: 2 },
  lastDay: { month: 7, day: 6 },
};

/** From this day a date belongs to the school year that starts in its calendar year. */
export const SCHOOL_YEAR_BOUNDARY: MonthDay = { month: 8, day: 1 };
/** The yearly version switch happens "autour du 20 août" (Fiche 3); used as the boundary for that rule. */
export const VERSION_SWITCH_BOUNDARY: MonthDay = { month: 8, day: 20 };

const SCHOOL_YEAR_LABEL = /^(\d{4})-(\d{4})$/;

export function parseSchoolYear(label: string): SchoolYear {
  const match = SCHOOL_YEAR_LABEL.exec(label.trim());
  if (!match) {
    throw invalidSchoolYear(label, `school year must look like "2022-2023", got "${label}"`);
  }
  const [startYear, endYear] = [Number(match[1]), Number(match[2])];
  if (endYear !== startYear + 1) {
    throw invalidSchoolYear(label, `school year "${label}" must end the year after it starts (${startYear}-${startYear + 1})`);
  }
  return schoolYearStartingIn(startYear);
}

export function schoolYearStartingIn(startYear: number): SchoolYear {
  const { minStartYear, maxStartYear } = SCHOOL_YEAR_LIMITS;
  if (!Number.isInteger(startYear) || startYear < minStartYear || startYear > maxStartYear) {
    throw invalidSchoolYear(
      String(startYear),
      `school year must start between ${minStartYear} and ${maxStartYear}, got ${startYear}`,
    );
  }
  return { label: `${startYear}-${startYear + 1}`, startYear, endYear: startYear + 1 };
}

/** For edges (HTTP bodies, messages): the label, trimmed and checked. */
export const schoolYearLabelSchema = z
  .string()
  .trim()
  .refine((label) => tryParseSchoolYear(label) !== null, 'a school year such as "2022-2023" is expected');

export function nextSchoolYear(year: SchoolYear): SchoolYear {
  return schoolYearStartingIn(year.startYear + 1);
}

export function previousSchoolYear(year: SchoolYear): SchoolYear {
  return schoolYearStartingIn(year.startYear - 1);
}

/** Negative when `a` is before `b`. */
export function compareSchoolYears(a: SchoolYear, b: SchoolYear): number {
  return a.startYear - b.startYear;
}

/** The name the console shows: "Base année 2022-2023" (Fiche 9). */
export function baseDisplayName(year: SchoolYear): string {
  return `Base année ${year.label}`;
}

export function schoolYearDates(
  year: SchoolYear,
  calendar: SchoolYearCalendar = DEFAULT_SCHOOL_YEAR_CALENDAR,
): { startsOn: CalendarDate; endsOn: CalendarDate } {
  return {
    startsOn: calendarDate(year.startYear, calendar.firstDay.month, calendar.firstDay.day),
    endsOn: calendarDate(year.endYear, calendar.lastDay.month, calendar.lastDay.day),
  };
}

/**
 * The school year a date belongs to: from `boundary` (included) in year Y, it is Y-(Y+1); before,
 * (Y-1)-Y. Pass `VERSION_SWITCH_BOUNDARY` to ask which year's base should be in service.
 */
export function schoolYearOfDate(date: CalendarDate, boundary: MonthDay = SCHOOL_YEAR_BOUNDARY): SchoolYear {
  const parts = parseCalendarDate(date);
  return schoolYearStartingIn(isOnOrAfterMonthDay(parts, boundary) ? parts.year : parts.year - 1);
}

/** The `count` years before `current`, most recent first (for consultation, at most 5). */
export function previousSchoolYears(current: SchoolYear, count: number = MAX_PREVIOUS_YEARS_FOR_CONSULTATION): SchoolYear[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_PREVIOUS_YEARS_FOR_CONSULTATION) {
    throw new DomainError(
      SchoolYearErrorCode.PREVIOUS_YEARS_OUT_OF_RANGE,
      `count: from 0 to ${MAX_PREVIOUS_YEARS_FOR_CONSULTATION} previous years can be loaded for consultation, got ${count}`,
      { field: 'count', value: count, max: MAX_PREVIOUS_YEARS_FOR_CONSULTATION },
    );
  }
  return Array.from({ length: count }, (_, index) => current.startYear - 1 - index)
    .filter((startYear) => startYear >= SCHOOL_YEAR_LIMITS.minStartYear)
    .map(schoolYearStartingIn);
}

/** Whether `candidate` is one of the 5 years before `current`, whose bases may be loaded for consultation. */
export function isConsultablePreviousYear(current: SchoolYear, candidate: SchoolYear): boolean {
  const yearsBack = current.startYear - candidate.startYear;
  return yearsBack >= 1 && yearsBack <= MAX_PREVIOUS_YEARS_FOR_CONSULTATION;
}

function tryParseSchoolYear(label: string): SchoolYear | null {
  try {
    return parseSchoolYear(label);
  } catch {
    return null;
  }
}

function invalidSchoolYear(value: string, message: string): DomainError {
  return new DomainError(SchoolYearErrorCode.SCHOOL_YEAR_INVALID, message, { field: 'schoolYear', value });
}
