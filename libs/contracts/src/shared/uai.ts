import { z } from 'zod';

const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** The check letter of a UAI (ex-RNE) code: the 7-digit number modulo 23, in a 23-letter alphabet. */
export function uaiCheckLetter(digits: string): string {
  return CHECK_LETTERS[Number.parseInt(digits, 10) % 23]!;
}

export function isValidUai(value: string): boolean {
  const match = /^(\d{7})([A-Z])$/.exec(value);
  return match !== null && uaiCheckLetter(match[1]!) === match[2];
}

/** A UAI as typed by people: trimmed and upper-cased, then checked (7 digits + check letter). */
export const uaiSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{7}[A-Z]$/, 'a UAI is 7 digits followed by a letter')
  .refine(isValidUai, 'the check letter of this UAI is wrong');
export type Uai = z.infer<typeof uaiSchema>;
