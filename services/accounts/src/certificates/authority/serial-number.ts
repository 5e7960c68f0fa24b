import { randomBytes } from 'node:crypto';

const SERIAL_NUMBER_BYTES = 16;

/**
 * A random 128-bit serial, as 32 lowercase hex digits. The top bit is cleared (DER INTEGERs are
 * signed) and the next one set, so the encoding is always exactly 16 octets with no leading zero:
 * the hex string is then canonical and compares as is with what a CRL or a TLS peer reports.
 * 126 random bits remain, far above the 64 the CA/Browser Forum asks for.
 */
export function generateSerialNumber(): string {
  const bytes = randomBytes(SERIAL_NUMBER_BYTES);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** Lowercase hex without separators or leading zeros: the form serials are stored and compared in. */
export function normalizeSerialNumber(serial: string): string {
  const hex = serial.replace(/[:\s]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) {
    throw new TypeError(`"${serial}" is not a hexadecimal serial number.`);
  }
  return hex.replace(/^0+(?=.)/, '');
}
