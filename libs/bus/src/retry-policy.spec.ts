import { exponentialRetryDelay, isLastDelivery } from './retry-policy.js';

describe('retry policy', () => {
  it('doubles the delay with each delivery, up to the cap', () => {
    expect([1, 2, 3, 4].map((count) => exponentialRetryDelay(count))).toEqual([1000, 2000, 4000, 8000]);
    expect(exponentialRetryDelay(10)).toBe(60_000);
    expect(exponentialRetryDelay(500, { baseMs: 10, maxMs: 100 })).toBe(100);
  });

  it('knows the last delivery', () => {
    expect(isLastDelivery(9, 10)).toBe(false);
    expect(isLastDelivery(10, 10)).toBe(true);
    expect(isLastDelivery(1000, -1)).toBe(false);
  });
});
