import { generateSerialNumber, normalizeSerialNumber } from './serial-number.js';

describe('generateSerialNumber', () => {
  it('is 32 hex digits, positive, never with a leading zero octet', () => {
    for (let index = 0; index < 1000; index += 1) {
      expect(generateSerialNumber()).toMatch(/^[4-7][0-9a-f]{31}$/);
    }
  });

  it('does not repeat itself', () => {
    expect(new Set(Array.from({ length: 10_000 }, generateSerialNumber)).size).toBe(10_000);
  });
});

describe('normalizeSerialNumber', () => {
  it('reads the forms Node and OpenSSL print', () => {
    expect(normalizeSerialNumber('4A:BC:00')).toBe('4abc00');
    expect(normalizeSerialNumber('004ABC')).toBe('4abc');
    expect(() => normalizeSerialNumber('xyz')).toThrow(TypeError);
  });
});
