import { CalendarDateErrorCode, calendarDateInParis, dayOfWeek, parseCalendarDate } from './calendar-date.js';

describe('calendar dates', () => {
  it('parses real dates only', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2022-13-01', '2022-8-20', '20/08/2022', '']) {
      expect(() => parseCalendarDate(bad, 'today')).toThrow(expect.objectContaining({ code: CalendarDateErrorCode.DATE_INVALID, details: { field: 'today', value: bad } }));
    }
  });

  it('gives the day in Paris, where a school day begins', () => {
    expect(calendarDateInParis(new Date('2022-08-19T22:30:00Z'))).toBe('2022-08-20');
    expect(calendarDateInParis(new Date('2022-08-19T21:59:59Z'))).toBe('2022-08-19');
    expect(calendarDateInParis(new Date('2022-12-31T23:30:00Z'))).toBe('2023-01-01');
  });

  it('knows the day of the week (the seed’s 02/09/2018 start was a Sunday)', () => {
    expect(dayOfWeek('2018-09-02')).toBe(0);
    expect(dayOfWeek('2022-08-20')).toBe(6);
  });
});
