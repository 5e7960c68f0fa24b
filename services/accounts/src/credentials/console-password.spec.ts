import { CONSOLE_PASSWORD_ALPHABET, generatePassword } from './console-password.js';
import { entropyBits } from './random-string.js';

describe('generatePassword', () => {
  it('is at least 16 characters of letters and digits that cannot be misread', () => {
    for (let index = 0; index < 500; index += 1) {
      const password = generatePassword();
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password).toMatch(/^[A-Za-z0-9]+$/);
      expect(password).not.toMatch(/[0O1Il]/);
    }
  });

  it('carries more than 100 bits of entropy', () => {
    expect(entropyBits(CONSOLE_PASSWORD_ALPHABET, generatePassword().length)).toBeGreaterThan(100);
  });

  it('draws every symbol of its alphabet, and only those', () => {
    const seen = new Set([...Array.from({ length: 300 }, generatePassword).join('')]);
    expect([...seen].sort().join('')).toBe([...CONSOLE_PASSWORD_ALPHABET].sort().join(''));
  });

  it('does not repeat itself', () => {
    expect(new Set(Array.from({ length: 2000 }, generatePassword)).size).toBe(2000);
  });
});
