import { suspensionDuration } from './login-throttle.js';

describe('suspensionDuration', () => {
  it('doubles with each suspension and stops at the ceiling', () => {
    expect([1, 2, 3, 4].map((level) => suspensionDuration(level, 15, 100))).toEqual([15, 30, 60, 100]);
  });

  it('never overflows, whatever the level', () => {
    expect(suspensionDuration(10_000, 900_000, 86_400_000)).toBe(86_400_000);
    expect(suspensionDuration(0, 1000, 5000)).toBe(1000);
  });
});
