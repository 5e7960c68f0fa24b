import { createHash } from 'node:crypto';

/** Where the bytes of a .HNOT file sit (FORMAT.md): shared by the writer (base-codec.ts) and the reader (base-reader.ts). */

/** "\x89HNOT\r\n\x1A": the high byte and the line endings reveal 7-bit or text-mode transfers (as PNG's). */
export const BASE_FILE_MAGIC: Buffer = Buffer.from([0x89, 0x48, 0x4e, 0x4f, 0x54, 0x0d, 0x0a, 0x1a]);
export const BASE_FORMAT_VERSION = 1;
export const BASE_HEADER_LENGTH = 128;
export const BASE_TRAILER_LENGTH = 32;
export const BASE_ENTRY_FIXED_LENGTH = 16;

export const HeaderOffset = {
  formatVersion: 8,
  flags: 10,
  uai: 12,
  schoolYearStart: 20,
  pronoteVersion: 22,
  createdAt: 24,
  lastEntryAt: 32,
  statisticCount: 40,
  reserved: 42,
  statistics: 44,
  entryCount: 116,
  payloadLength: 120,
  headerCheck: 124,
} as const;

export const EntryOffset = {
  at: 0,
  statistic: 8,
  reserved: 9,
  delta: 10,
  textLength: 14,
} as const;

/** The "last entry at" of a base where nothing was ever typed. */
export const NO_LAST_ENTRY = -1n;

/** First 4 bytes of the SHA-256 of the header bytes before it. */
export function headerCheck(header: Buffer): Buffer {
  return sha256(header.subarray(0, HeaderOffset.headerCheck)).subarray(0, 4);
}

export function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
