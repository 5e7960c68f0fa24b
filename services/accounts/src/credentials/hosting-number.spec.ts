import { generateHostingNumber, isValidHostingNumber } from './hosting-number.js';

describe('generateHostingNumber', () => {
  it('gives 12 digits that never start with 0', () => {
    for (let index = 0; index < 2000; index += 1) {
      const hostingNumber = generateHostingNumber();
      expect(hostingNumber).toMatch(/^[1-9]\d{11}$/);
      expect(isValidHostingNumber(hostingNumber)).toBe(true);
    }
  });

  it('does not repeat itself', () => {
    const drawn = new Set(Array.from({ length: 5000 }, generateHostingNumber));
    expect(drawn.size).toBe(5000);
  });

  it('uses every leading digit, so the whole range is drawn', () => {
    const leadingDigits = new Set(Array.from({ length: 2000 }, () => generateHostingNumber()[0]));
    expect([...leadingDigits].sort().join('')).toBe('123456789');
  });
});

describe('isValidHostingNumber', () => {
  it.each(['012345678901', '12345678901', '1234567890123', '12345678901a', ' 123456789012'])('refuses %p', (value) => {
    expect(isValidHostingNumber(value)).toBe(false);
  });
});
