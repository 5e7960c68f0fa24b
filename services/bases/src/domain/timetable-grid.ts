import { DomainError } from '@pronote/contracts';
import { z } from 'zod';

/**
 * The timetable grid chosen when a new empty base is created (seed, Fiche 4): first day of the
 * week, working days, number and duration of sequences, and how a sequence is subdivided.
 *
 * Bounds (ours, the seed gives none): 1–20 sequences of 5–240 minutes, a day that starts at or after
 * 00:00 and ends by 24:00. The default is the seed's example: 10 sequences of 60 minutes from 8h00,
 * so a "10h00" day ending at 18h00. Monday to Friday and no subdivision are our defaults: a school that
 * initialises from EDT gets EDT's grid anyway (Fiche 4), and "none" can never contradict a duration.
 */

export const GridErrorCode = {
  /** Malformed input: wrong type, unknown day, time not HH:MM, subdivision not offered. */
  GRID_INVALID: 'GRID_INVALID',
  /** A value outside its bounds (counts, durations, number of working days). */
  GRID_OUT_OF_RANGE: 'GRID_OUT_OF_RANGE',
  /** Values valid alone but not together (day past 24:00, duration not divisible by the subdivision). */
  GRID_INCONSISTENT: 'GRID_INCONSISTENT',
} as const;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The console's column headers (Fiche 4). */
export const WEEKDAY_SHORT_LABELS: Readonly<Record<Weekday, string>> = {
  monday: 'lun.',
  tuesday: 'mar.',
  wednesday: 'mer.',
  thursday: 'jeu.',
  friday: 'ven.',
  saturday: 'sam.',
  sunday: 'dim.',
};

export const SEQUENCE_SUBDIVISIONS = [2, 3, 4, 5, 12, 'none'] as const;
export type SequenceSubdivision = (typeof SEQUENCE_SUBDIVISIONS)[number];

export const GRID_LIMITS = {
  sequenceCount: { min: 1, max: 20 },
  sequenceMinutes: { min: 5, max: 240 },
  minutesPerDay: 24 * 60,
} as const;

const CLOCK_TIME = /^([01]?\d|2[0-3])[:h]([0-5]\d)$/;

const weekdaySchema = z.enum(WEEKDAYS);

export const timetableGridInputSchema = z.strictObject({
  firstDayOfWeek: weekdaySchema.default('monday'),
  workingDays: z
    .array(weekdaySchema)
    .min(1)
    .default(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']),
  sequenceCount: z.int().min(GRID_LIMITS.sequenceCount.min).max(GRID_LIMITS.sequenceCount.max).default(10),
  sequenceMinutes: z.int().min(GRID_LIMITS.sequenceMinutes.min).max(GRID_LIMITS.sequenceMinutes.max).default(60),
  /** Accepts "08:00", "8:00" or "8h00"; normalised to "08:00". */
  dayStartsAt: z.string().regex(CLOCK_TIME).default('08:00'),
  subdivision: z.union(SEQUENCE_SUBDIVISIONS.map((choice) => z.literal(choice))).default('none'),
});
export type TimetableGridInput = z.input<typeof timetableGridInputSchema>;

export interface TimetableGrid {
  readonly firstDayOfWeek: Weekday;
  /** Without duplicates, in the order of the week starting at `firstDayOfWeek`. */
  readonly workingDays: readonly Weekday[];
  readonly sequenceCount: number;
  readonly sequenceMinutes: number;
  /** "HH:MM". */
  readonly dayStartsAt: string;
  /** "HH:MM", at most "24:00". */
  readonly dayEndsAt: string;
  readonly dayLengthMinutes: number;
  /** As the console displays it: "10h00". */
  readonly dayLengthLabel: string;
  readonly subdivision: SequenceSubdivision;
  /** Length of one subdivision of a sequence; null when sequences are not subdivided. */
  readonly subdivisionMinutes: number | null;
}

/** Validates and normalises a grid; throws a DomainError (`GridErrorCode`) naming the field at fault. */
export function validateGrid(input: unknown): TimetableGrid {
  const parsed = timetableGridInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw gridErrorFromIssue(parsed.error.issues[0]!);
  const grid = parsed.data;

  const startMinutes = minutesFromClockTime(grid.dayStartsAt);
  const dayLengthMinutes = grid.sequenceCount * grid.sequenceMinutes;
  const endMinutes = startMinutes + dayLengthMinutes;
  if (endMinutes > GRID_LIMITS.minutesPerDay) {
    throw new DomainError(
      GridErrorCode.GRID_INCONSISTENT,
      `sequenceCount: ${grid.sequenceCount} sequences of ${grid.sequenceMinutes} minutes from ${formatHours(startMinutes)} ` +
        `would end at ${formatHours(endMinutes)}; the day must end by 24h00`,
      { field: 'sequenceCount', fields: ['dayStartsAt', 'sequenceCount', 'sequenceMinutes'], endMinutes },
    );
  }

  let subdivisionMinutes: number | null = null;
  if (grid.subdivision !== 'none') {
    if (grid.sequenceMinutes % grid.subdivision !== 0) {
      throw new DomainError(
        GridErrorCode.GRID_INCONSISTENT,
        `subdivision: a sequence of ${grid.sequenceMinutes} minutes cannot be cut in ${grid.subdivision}; ` +
          `the sequence duration must divide evenly by the subdivision`,
        { field: 'subdivision', fields: ['sequenceMinutes', 'subdivision'], sequenceMinutes: grid.sequenceMinutes },
      );
    }
    subdivisionMinutes = grid.sequenceMinutes / grid.subdivision;
  }

  return {
    firstDayOfWeek: grid.firstDayOfWeek,
    workingDays: weekStartingAt(grid.firstDayOfWeek).filter((day) => grid.workingDays.includes(day)),
    sequenceCount: grid.sequenceCount,
    sequenceMinutes: grid.sequenceMinutes,
    dayStartsAt: formatClockTime(startMinutes),
    dayEndsAt: formatClockTime(endMinutes),
    dayLengthMinutes,
    dayLengthLabel: formatHours(dayLengthMinutes),
    subdivision: grid.subdivision,
    subdivisionMinutes,
  };
}

export const DEFAULT_GRID: TimetableGrid = validateGrid({});

/** The seven days in display order, starting at the chosen first day. */
export function weekStartingAt(firstDay: Weekday): Weekday[] {
  const start = WEEKDAYS.indexOf(firstDay);
  return [...WEEKDAYS.slice(start), ...WEEKDAYS.slice(0, start)];
}

/** 600 → "10h00", 45 → "0h45": the console's notation for durations and times of day. */
export function formatHours(minutes: number): string {
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
}

function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesFromClockTime(value: string): number {
  const match = CLOCK_TIME.exec(value)!;
  return Number(match[1]) * 60 + Number(match[2]);
}

function gridErrorFromIssue(issue: z.core.$ZodIssue): DomainError {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'grid';
  const outOfRange = issue.code === 'too_small' || issue.code === 'too_big';
  const code = outOfRange ? GridErrorCode.GRID_OUT_OF_RANGE : GridErrorCode.GRID_INVALID;
  return new DomainError(code, `${field}: ${describeIssue(issue)}`, { field, issue: issue.code });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const topLevelField = String(issue.path[0] ?? '');
  switch (topLevelField) {
    case 'sequenceCount':
    case 'sequenceMinutes': {
      const { min, max } = GRID_LIMITS[topLevelField];
      return `a whole number from ${min} to ${max} is expected`;
    }
    case 'workingDays':
      if (issue.code === 'too_small') return 'at least one working day is expected';
      return issue.path.length > 1 ? `one of ${WEEKDAYS.join(', ')} is expected` : 'a list of weekdays is expected';
    case 'firstDayOfWeek':
      return `one of ${WEEKDAYS.join(', ')} is expected`;
    case 'dayStartsAt':
      return 'a time of day HH:MM (00:00 to 23:59) is expected';
    case 'subdivision':
      return `one of ${SEQUENCE_SUBDIVISIONS.join(', ')} is expected`;
    default:
      return issue.message;
  }
}
