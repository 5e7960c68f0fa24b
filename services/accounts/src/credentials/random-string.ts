import { randomInt } from 'node:crypto';

/**
 * Letters and digits that cannot be mistaken for one another when read off a phone or a screen
 * (no 0/O/o, 1/I/l/i, and no symbols, which SMS gateways and keyboards mangle).
 */
export const UNAMBIGUOUS_UPPERCASE = 'ABCDEFGHJKMNPQRSTUVWXYZ';
export const UNAMBIGUOUS_LOWERCASE = 'abcdefghjkmnpqrstuvwxyz';
export const UNAMBIGUOUS_DIGITS = '23456789';

/** `length` characters drawn uniformly from `alphabet` with the CSPRNG (randomInt rejects biased draws). */
export function randomString(alphabet: string, length: number): string {
  let result = '';
  for (let index = 0; index < length; index += 1) {
    result += alphabet[randomInt(alphabet.length)];
  }
  return result;
}

/** Bits of entropy of a string drawn by `randomString`. */
export function entropyBits(alphabet: string, length: number): number {
  return length * Math.log2(alphabet.length);
}
