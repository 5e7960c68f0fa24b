import {
  DEFAULT_SCHOOL_YEAR_CALENDAR,
  MAX_PREVIOUS_YEARS_FOR_CONSULTATION,
  SchoolYearErrorCode,
  VERSION_SWITCH_BOUNDARY,
  baseDisplayName,
  compareSchoolYears,
  isConsultablePreviousYear,
  nextSchoolYear,
  parseSchoolYear,
  previousSchoolYear,
  previousSchoolYears,
  schoolYearDates,
  schoolYearLabelSchema,
  schoolYearOfDate,
  schoolYearStartingIn,
} from './school-year.js';

const year2022 = parseSchoolYear('2022-2023');

describe('school year labels', () => {
  it('parses "2022-2023"', () => {
    expect(year2022).toEqual({ label: '2022-2023', startYear: 2022, endYear: 2023 });
    expect(parseSchoolYear(' 2021-2022 ').label).toBe('2021-2022');
  });

  it.each(['2022-2024', '2022-2022', '2023-2022', '2022/2023', '22-23', '2022', '', '1999-2000', '2100-2101'])('refuses "%s"', (label) => {
    expect(() => parseSchoolYear(label)).toThrow(expect.objectContaining({ code: SchoolYearErrorCode.SCHOOL_YEAR_INVALID }));
  });

  it('says why the second year is wrong', () => {
    expect(() => parseSchoolYear('2022-2024')).toThrow('school year "2022-2024" must end the year after it starts (2022-2023)');
  });

  it('validates labels at the edges', () => {
    expect(schoolYearLabelSchema.parse(' 2022-2023 ')).toBe('2022-2023');
    expect(schoolYearLabelSchema.safeParse('2022-2024').success).toBe(false);
  });

  it('steps and compares', () => {
    expect(nextSchoolYear(year2022).label).toBe('2023-2024');
    expect(previousSchoolYear(year2022).label).toBe('2021-2022');
    expect(compareSchoolYears(previousSchoolYear(year2022), year2022)).toBeLessThan(0);
    expect(compareSchoolYears(year2022, schoolYearStartingIn(2022))).toBe(0);
    expect(() => schoolYearStartingIn(2022.5)).toThrow(expect.objectContaining({ code: SchoolYearErrorCode.SCHOOL_YEAR_INVALID }));
  });
});

describe('school year names and dates', () => {
  it('names the base as the console does', () => {
    expect(baseDisplayName(year2022)).toBe('Base année 2022-2023');
  });

  it('runs from 02/09 to 06/07 by default, as in the seed’s list of years', () => {
    expect(schoolYearDates(parseSchoolYear('2021-2022'))).toEqual({ startsOn: '2021-09-02', endsOn: '2022-07-06' });
    expect(schoolYearDates(parseSchoolYear('2018-2019'))).toEqual({ startsOn: '2018-09-02', endsOn: '2019-07-06' });
  });

  it('takes another calendar', () => {
    const calendar = { ...DEFAULT_SCHOOL_YEAR_CALENDAR, firstDay: { month: 9, day: 1 } };
    expect(schoolYearDates(year2022, calendar).startsOn).toBe('2022-09-01');
  });
});

describe('school year of a date', () => {
  it('changes on 1 August by default', () => {
    expect(schoolYearOfDate('2022-07-31').label).toBe('2021-2022');
    expect(schoolYearOfDate('2022-08-01').label).toBe('2022-2023');
    expect(schoolYearOfDate('2023-01-15').label).toBe('2022-2023');
    expect(schoolYearOfDate('2022-12-31').label).toBe('2022-2023');
  });

  it('changes on 20 August with the version-switch boundary', () => {
    expect(schoolYearOfDate('2022-08-19', VERSION_SWITCH_BOUNDARY).label).toBe('2021-2022');
    expect(schoolYearOfDate('2022-08-20', VERSION_SWITCH_BOUNDARY).label).toBe('2022-2023');
  });

  it('refuses a date that does not exist', () => {
    expect(() => schoolYearOfDate('2022-02-30')).toThrow(expect.objectContaining({ code: 'DATE_INVALID' }));
  });
});

describe('previous years for consultation (at most 5)', () => {
  it('lists the five previous years, most recent first', () => {
    expect(previousSchoolYears(year2022).map((year) => year.label)).toEqual([
      '2021-2022',
      '2020-2021',
      '2019-2020',
      '2018-2019',
      '2017-2018',
    ]);
    expect(previousSchoolYears(year2022, 0)).toEqual([]);
    expect(previousSchoolYears(year2022, 2)).toHaveLength(2);
  });

  it.each([6, -1, 2.5])('refuses %p years', (count) => {
    expect(() => previousSchoolYears(year2022, count)).toThrow(
      expect.objectContaining({ code: SchoolYearErrorCode.PREVIOUS_YEARS_OUT_OF_RANGE, details: expect.objectContaining({ max: 5 }) }),
    );
  });

  it('stops at the first year we know', () => {
    expect(previousSchoolYears(schoolYearStartingIn(2002)).map((year) => year.label)).toEqual(['2001-2002', '2000-2001']);
  });

  it('tells whether a year can be loaded for consultation', () => {
    const yearsBack = (n: number) => schoolYearStartingIn(2022 - n);
    expect([0, 1, 5, 6, -1].map((n) => isConsultablePreviousYear(year2022, yearsBack(n)))).toEqual([false, true, true, false, false]);
    expect(MAX_PREVIOUS_YEARS_FOR_CONSULTATION).toBe(5);
  });
});
