import { randomString, UNAMBIGUOUS_DIGITS, UNAMBIGUOUS_LOWERCASE, UNAMBIGUOUS_UPPERCASE } from './random-string.js';

export const CONSOLE_PASSWORD_ALPHABET = UNAMBIGUOUS_UPPERCASE + UNAMBIGUOUS_LOWERCASE + UNAMBIGUOUS_DIGITS;
/** 20 characters of a 54-symbol alphabet: about 115 bits, well beyond online or offline guessing. */
export const CONSOLE_PASSWORD_LENGTH = 20;

/**
 * The console password sent by SMS (Fiche 2). Letters and digits only: every one is in the GSM 03.38
 * basic set, so the SMS stays one 7-bit segment and no gateway rewrites a character.
 */
export function generatePassword(): string {
  return randomString(CONSOLE_PASSWORD_ALPHABET, CONSOLE_PASSWORD_LENGTH);
}
