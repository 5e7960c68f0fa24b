import { instantOfWallClock, localDateKey, localIsoWeekKey, utcOffsetMs, wallClockAt } from './zoned-time.js';

const PARIS = 'Europe/Paris';
const HOUR = 3_600_000;
const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
});

describe('zoned time in Europe/Paris', () => {
  it('reads wall clocks and offsets in winter and summer', () => {
    expect(wallClockAt(new Date('2023-01-10T13:20:00Z'), PARIS)).toEqual(wall(2023, 1, 10, 14, 20));
    expect(utcOffsetMs(new Date('2023-01-10T13:20:00Z'), PARIS)).toBe(HOUR);
    expect(utcOffsetMs(new Date('2022-06-23T02:20:00Z'), PARIS)).toBe(2 * HOUR);
  });

  it('moves a wall time inside the spring-forward gap forward by the gap', () => {
    expect(instantOfWallClock(wall(2022, 3, 27, 2, 20), PARIS)).toEqual(new Date('2022-03-27T01:20:00Z'));
    expect(instantOfWallClock(wall(2022, 3, 27, 3, 20), PARIS)).toEqual(new Date('2022-03-27T01:20:00Z'));
    expect(instantOfWallClock(wall(2022, 3, 27, 1, 59), PARIS)).toEqual(new Date('2022-03-27T00:59:00Z'));
  });

  it('takes the first occurrence of a wall time repeated by the fall back', () => {
    expect(instantOfWallClock(wall(2022, 10, 30, 2, 20), PARIS)).toEqual(new Date('2022-10-30T00:20:00Z'));
    expect(instantOfWallClock(wall(2022, 10, 30, 3, 0), PARIS)).toEqual(new Date('2022-10-30T02:00:00Z'));
  });

  it('gives a wall time asked again the same instant, each time a Date of its own', () => {
    const first = instantOfWallClock(wall(2022, 8, 1, 0, 0), PARIS);
    first.setTime(0);
    const again = instantOfWallClock(wall(2022, 8, 1, 0, 0), PARIS);
    expect(again).toEqual(new Date('2022-07-31T22:00:00Z'));
    expect(instantOfWallClock(wall(2022, 8, 1, 0, 0), 'America/New_York')).toEqual(new Date('2022-08-01T04:00:00Z'));
  });

  it('buckets instants by local day and ISO week', () => {
    expect(localDateKey(new Date('2022-06-22T22:20:00Z'), PARIS)).toBe('2022-06-23');
    expect(localIsoWeekKey(new Date('2022-06-19T21:59:59Z'), PARIS)).toBe('2022-W24'); // Sunday 23:59:59
    expect(localIsoWeekKey(new Date('2022-06-19T22:00:00Z'), PARIS)).toBe('2022-W25'); // Monday 00:00
    expect(localIsoWeekKey(new Date('2021-01-01T12:00:00Z'), PARIS)).toBe('2020-W53');
    expect(localIsoWeekKey(new Date('2024-12-30T12:00:00Z'), PARIS)).toBe('2025-W01');
  });
});
