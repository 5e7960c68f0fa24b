import { generateInstallationPassword, INSTALLATION_PASSWORD_ALPHABET } from './installation-password.js';
import { entropyBits } from './random-string.js';

describe('generateInstallationPassword', () => {
  it('is 4 groups of 5 upper-case letters and digits, none of them ambiguous', () => {
    for (let index = 0; index < 500; index += 1) {
      const password = generateInstallationPassword();
      expect(password).toMatch(/^[2-9A-Z]{5}(-[2-9A-Z]{5}){3}$/);
      expect(password).not.toMatch(/[01ILO]/);
    }
  });

  it('carries more than 95 bits of entropy', () => {
    expect(entropyBits(INSTALLATION_PASSWORD_ALPHABET, 20)).toBeGreaterThan(95);
  });

  it('is fresh every time', () => {
    expect(new Set(Array.from({ length: 2000 }, generateInstallationPassword)).size).toBe(2000);
  });
});
