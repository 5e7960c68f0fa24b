import { DomainError } from '@pronote/contracts';
import { DEFAULT_GRID, GridErrorCode, formatHours, validateGrid, weekStartingAt } from './timetable-grid.js';

function errorOf(input: unknown): DomainError {
  try {
    validateGrid(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('timetable grid: defaults (Fiche 4)', () => {
  it('is 10 sequences of 60 minutes from 8h00 to 18h00, a "10h00" day', () => {
    expect(validateGrid({})).toEqual({
      firstDayOfWeek: 'monday',
      workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      sequenceCount: 10,
      sequenceMinutes: 60,
      dayStartsAt: '08:00',
      dayEndsAt: '18:00',
      dayLengthMinutes: 600,
      dayLengthLabel: '10h00',
      subdivision: 'none',
      subdivisionMinutes: null,
    });
    expect(DEFAULT_GRID).toEqual(validateGrid(undefined));
  });

  it('computes the day from the chosen values', () => {
    const grid = validateGrid({ sequenceCount: 9, sequenceMinutes: 55, dayStartsAt: '7h45', subdivision: 5 });
    expect(grid).toMatchObject({ dayStartsAt: '07:45', dayEndsAt: '16:00', dayLengthMinutes: 495, dayLengthLabel: '8h15', subdivisionMinutes: 11 });
  });
});

describe('timetable grid: working days', () => {
  it('accepts one to seven days, without duplicates, in the order of the chosen week', () => {
    expect(validateGrid({ workingDays: ['wednesday'] }).workingDays).toEqual(['wednesday']);
    expect(validateGrid({ workingDays: [...weekStartingAt('monday')] }).workingDays).toHaveLength(7);
    expect(
      validateGrid({ firstDayOfWeek: 'saturday', workingDays: ['monday', 'saturday', 'monday', 'sunday'] }).workingDays,
    ).toEqual(['saturday', 'sunday', 'monday']);
  });

  it('refuses a week without working days', () => {
    const error = errorOf({ workingDays: [] });
    expect(error.code).toBe(GridErrorCode.GRID_OUT_OF_RANGE);
    expect(error.message).toMatch(/^workingDays: at least one working day/);
  });

  it('refuses an unknown day, naming where it is', () => {
    const error = errorOf({ workingDays: ['monday', 'lundi'] });
    expect(error.code).toBe(GridErrorCode.GRID_INVALID);
    expect(error.details).toMatchObject({ field: 'workingDays.1' });
    expect(errorOf({ firstDayOfWeek: 'funday' }).message).toMatch(/^firstDayOfWeek: one of monday/);
  });
});

describe('timetable grid: bounds (1–20 sequences of 5–240 minutes)', () => {
  it.each([
    { sequenceCount: 1 },
    { sequenceCount: 20, sequenceMinutes: 30 },
    { sequenceMinutes: 5 },
    { sequenceMinutes: 240, sequenceCount: 4 },
  ])('accepts %j', (input) => {
    expect(() => validateGrid(input)).not.toThrow();
  });

  it.each([
    ['sequenceCount', { sequenceCount: 0 }],
    ['sequenceCount', { sequenceCount: 21, sequenceMinutes: 5 }],
    ['sequenceMinutes', { sequenceMinutes: 4 }],
    ['sequenceMinutes', { sequenceMinutes: 241, sequenceCount: 1 }],
  ])('refuses %s in %j as out of range', (field, input) => {
    const error = errorOf(input);
    expect(error.code).toBe(GridErrorCode.GRID_OUT_OF_RANGE);
    expect(error.message).toMatch(new RegExp(`^${field}: a whole number from`));
    expect(error.details).toMatchObject({ field });
  });

  it.each([
    ['sequenceCount', { sequenceCount: 10.5 }],
    ['sequenceMinutes', { sequenceMinutes: '60' }],
    ['dayStartsAt', { dayStartsAt: '24:00' }],
    ['dayStartsAt', { dayStartsAt: '8h60' }],
    ['dayStartsAt', { dayStartsAt: 'huit heures' }],
    ['subdivision', { subdivision: 6 }],
    ['grid', { sequences: 10 }],
    ['grid', 'ten by sixty'],
  ])('refuses malformed %s in %j', (field, input) => {
    const error = errorOf(input);
    expect(error.code).toBe(GridErrorCode.GRID_INVALID);
    expect(error.message.startsWith(`${field}:`)).toBe(true);
  });
});

describe('timetable grid: the day must end by 24:00', () => {
  it('accepts a day ending exactly at 24:00', () => {
    expect(validateGrid({ dayStartsAt: '14:00' })).toMatchObject({ dayEndsAt: '24:00', dayLengthLabel: '10h00' });
    expect(validateGrid({ dayStartsAt: '00:00', sequenceCount: 20, sequenceMinutes: 72 }).dayEndsAt).toBe('24:00');
  });

  it('refuses a day ending one minute later, saying when it would end', () => {
    const error = errorOf({ dayStartsAt: '14:01' });
    expect(error.code).toBe(GridErrorCode.GRID_INCONSISTENT);
    expect(error.message).toBe('sequenceCount: 10 sequences of 60 minutes from 14h01 would end at 24h01; the day must end by 24h00');
    expect(error.details).toMatchObject({ field: 'sequenceCount', fields: ['dayStartsAt', 'sequenceCount', 'sequenceMinutes'] });
    expect(errorOf({ sequenceCount: 20, sequenceMinutes: 60 }).code).toBe(GridErrorCode.GRID_INCONSISTENT);
  });
});

describe('timetable grid: subdivision of a sequence', () => {
  it.each([
    [2, 30],
    [3, 20],
    [4, 15],
    [5, 12],
    [12, 5],
  ] as const)('cuts 60 minutes in %i parts of %i minutes', (subdivision, minutes) => {
    expect(validateGrid({ subdivision }).subdivisionMinutes).toBe(minutes);
  });

  it('refuses a duration that does not divide evenly, and says so', () => {
    const error = errorOf({ sequenceMinutes: 45, subdivision: 2 });
    expect(error.code).toBe(GridErrorCode.GRID_INCONSISTENT);
    expect(error.message).toMatch(/^subdivision: .*45 minutes cannot be cut in 2; the sequence duration must divide evenly by the subdivision/);
    expect(error.details).toMatchObject({ field: 'subdivision' });
    expect(errorOf({ sequenceMinutes: 50, subdivision: 12 }).code).toBe(GridErrorCode.GRID_INCONSISTENT);
  });

  it('accepts any duration without subdivision', () => {
    expect(validateGrid({ sequenceMinutes: 47, subdivision: 'none' }).subdivisionMinutes).toBeNull();
  });
});

describe('timetable grid: helpers', () => {
  it('formats hours as the console does', () => {
    expect([formatHours(600), formatHours(45), formatHours(1440), formatHours(495)]).toEqual(['10h00', '0h45', '24h00', '8h15']);
  });

  it('lists the week from its first day', () => {
    expect(weekStartingAt('wednesday')).toEqual(['wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'monday', 'tuesday']);
  });
});
