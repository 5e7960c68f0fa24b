import { randomString, UNAMBIGUOUS_DIGITS, UNAMBIGUOUS_UPPERCASE } from './random-string.js';

export const INSTALLATION_PASSWORD_ALPHABET = UNAMBIGUOUS_DIGITS + UNAMBIGUOUS_UPPERCASE;
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * The one-time password that opens a school's PKCS#12, typed by hand into a certificate import
 * dialog (Fiche 2, step 4): upper case only, so Caps Lock cannot matter, in 4 groups of 5 separated
 * by hyphens (part of the password). 20 symbols of a 31-symbol alphabet: about 99 bits.
 */
export function generateInstallationPassword(): string {
  return Array.from({ length: GROUPS }, () => randomString(INSTALLATION_PASSWORD_ALPHABET, GROUP_LENGTH)).join('-');
}
