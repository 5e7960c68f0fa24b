import { randomInt } from 'node:crypto';

const HOSTING_NUMBER_PATTERN = /^[1-9]\d{11}$/;
const SMALLEST = 100_000_000_000;
const LARGEST_EXCLUSIVE = 1_000_000_000_000;

/**
 * A 12-digit hosting number. The first digit is never 0, so the number survives being typed into a
 * numeric field, stored as an integer or opened in a spreadsheet. Uniqueness is the store's job (a
 * unique index; retry on conflict): 9 × 10^11 values make a collision rare, not impossible.
 */
export function generateHostingNumber(): string {
  return String(randomInt(SMALLEST, LARGEST_EXCLUSIVE));
}

export function isValidHostingNumber(value: string): boolean {
  return HOSTING_NUMBER_PATTERN.test(value);
}
