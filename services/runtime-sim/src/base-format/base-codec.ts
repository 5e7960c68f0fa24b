import { createHash } from 'node:crypto';
import {
  BaseFormatErrorCode,
  MAX_TIMESTAMP_MS,
  assertWritableContent,
  baseFormatError,
  canonicalInstantToMs,
  parseSchoolYearLabel,
  type BaseContent,
  type BaseEntry,
} from './base-content.js';
import { BASE_STATISTIC_KEYS, type BaseStatistics } from './statistics.js';

/**
 * Reads and writes the simulator's .HNOT files, format version 1 (FORMAT.md). Every value has exactly
 * one spelling in bytes and decoding refuses anything else, so decode∘encode and encode∘decode are
 * both identities.
 */

/** "\x89HNOT\r\n\x1A": the high byte and the line endings reveal 7-bit or text-mode transfers (as PNG's). */
export const BASE_FILE_MAGIC: Buffer = Buffer.from([0x89, 0x48, 0x4e, 0x4f, 0x54, 0x0d, 0x0a, 0x1a]);
export const BASE_FORMAT_VERSION = 1;
export const BASE_HEADER_LENGTH = 128;
export const BASE_TRAILER_LENGTH = 32;
export const BASE_ENTRY_FIXED_LENGTH = 16;

const Offset = {
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

const NO_LAST_ENTRY = -1n;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Size in bytes of the encoded base, without encoding it. */
export function encodedBaseSize(content: BaseContent): number {
  return BASE_HEADER_LENGTH + payloadLength(content.entries) + BASE_TRAILER_LENGTH;
}

export function encodeBase(content: BaseContent): Buffer {
  assertWritableContent(content);
  const length = payloadLength(content.entries);
  if (length > 0xffff_ffff) {
    throw baseFormatError(BaseFormatErrorCode.BASE_CONTENT_INVALID, 'entries: the payload exceeds 4 GiB', { field: 'entries' });
  }
  const buffer = Buffer.alloc(BASE_HEADER_LENGTH + length + BASE_TRAILER_LENGTH);
  BASE_FILE_MAGIC.copy(buffer, 0);
  buffer.writeUInt16BE(BASE_FORMAT_VERSION, Offset.formatVersion);
  buffer.write(content.uai, Offset.uai, 'ascii');
  buffer.writeUInt16BE(parseSchoolYearLabel(content.schoolYear)!, Offset.schoolYearStart);
  buffer.writeUInt16BE(content.pronoteVersion, Offset.pronoteVersion);
  buffer.writeBigInt64BE(BigInt(canonicalInstantToMs(content.createdAt)!), Offset.createdAt);
  const lastEntry = content.lastEntryAt === null ? NO_LAST_ENTRY : BigInt(canonicalInstantToMs(content.lastEntryAt)!);
  buffer.writeBigInt64BE(lastEntry, Offset.lastEntryAt);
  buffer.writeUInt16BE(BASE_STATISTIC_KEYS.length, Offset.statisticCount);
  BASE_STATISTIC_KEYS.forEach((key, index) => buffer.writeUInt32BE(content.statistics[key], Offset.statistics + 4 * index));
  buffer.writeUInt32BE(content.entries.length, Offset.entryCount);
  buffer.writeUInt32BE(length, Offset.payloadLength);
  headerCheck(buffer).copy(buffer, Offset.headerCheck);

  let offset = BASE_HEADER_LENGTH;
  for (const entry of content.entries) {
    buffer.writeBigInt64BE(BigInt(canonicalInstantToMs(entry.at)!), offset);
    buffer.writeUInt8(BASE_STATISTIC_KEYS.indexOf(entry.statistic), offset + 8);
    buffer.writeInt32BE(entry.delta, offset + 10);
    const textLength = buffer.write(entry.text, offset + BASE_ENTRY_FIXED_LENGTH, 'utf8');
    buffer.writeUInt16BE(textLength, offset + 14);
    offset += BASE_ENTRY_FIXED_LENGTH + textLength;
  }
  sha256(buffer.subarray(0, offset)).copy(buffer, offset);
  return buffer;
}

export function decodeBase(bytes: Uint8Array): BaseContent {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkMagicAndVersion(buffer);
  if (buffer.length < BASE_HEADER_LENGTH) {
    throw truncated(`the header needs ${BASE_HEADER_LENGTH} bytes, the file has ${buffer.length}`, buffer.length);
  }
  // Checked before trusting the payload length, so a damaged length reads as corruption, not truncation.
  if (!headerCheck(buffer).equals(buffer.subarray(Offset.headerCheck, BASE_HEADER_LENGTH))) {
    throw invalid('the header check does not match: the header is corrupted', 'header-check-mismatch');
  }
  const length = buffer.readUInt32BE(Offset.payloadLength);
  const expectedSize = BASE_HEADER_LENGTH + length + BASE_TRAILER_LENGTH;
  if (buffer.length < expectedSize) {
    throw truncated(`the header announces ${expectedSize} bytes, the file has ${buffer.length}`, buffer.length, expectedSize);
  }
  if (buffer.length > expectedSize) {
    throw invalid(`${buffer.length - expectedSize} unexpected bytes after the checksum`, 'trailing-bytes');
  }
  const checksumOffset = BASE_HEADER_LENGTH + length;
  if (!sha256(buffer.subarray(0, checksumOffset)).equals(buffer.subarray(checksumOffset))) {
    throw invalid('the SHA-256 checksum does not match: the file is corrupted', 'checksum-mismatch');
  }
  return decodeVerified(buffer, length);
}

/** Fields after the checksum passed: any oddity now means a writer broke the format, not the disk. */
function decodeVerified(buffer: Buffer, length: number): BaseContent {
  if (buffer.readUInt16BE(Offset.flags) !== 0 || buffer.readUInt16BE(Offset.reserved) !== 0) {
    throw invalid('reserved header bytes must be zero', 'reserved-bytes');
  }
  if (buffer.readUInt16BE(Offset.statisticCount) !== BASE_STATISTIC_KEYS.length) {
    throw invalid(`version 1 holds ${BASE_STATISTIC_KEYS.length} statistics`, 'statistic-count');
  }
  const uai = buffer.toString('latin1', Offset.uai, Offset.uai + 8);
  const schoolYearStart = buffer.readUInt16BE(Offset.schoolYearStart);
  const schoolYear = `${schoolYearStart}-${schoolYearStart + 1}`;
  const lastEntryMs = buffer.readBigInt64BE(Offset.lastEntryAt);
  const statistics = Object.fromEntries(
    BASE_STATISTIC_KEYS.map((key, index) => [key, buffer.readUInt32BE(Offset.statistics + 4 * index)]),
  ) as BaseStatistics;
  const content: BaseContent = {
    uai,
    schoolYear,
    pronoteVersion: buffer.readUInt16BE(Offset.pronoteVersion),
    createdAt: instantFromMs(buffer.readBigInt64BE(Offset.createdAt), 'createdAt'),
    lastEntryAt: lastEntryMs === NO_LAST_ENTRY ? null : instantFromMs(lastEntryMs, 'lastEntryAt'),
    statistics,
    entries: decodeEntries(buffer.subarray(BASE_HEADER_LENGTH, BASE_HEADER_LENGTH + length), buffer.readUInt32BE(Offset.entryCount)),
  };
  try {
    assertWritableContent(content);
  } catch (error) {
    throw invalid(`a header field cannot be read back: ${(error as Error).message}`, 'bad-field');
  }
  return content;
}

function decodeEntries(payload: Buffer, count: number): BaseEntry[] {
  const entries: BaseEntry[] = [];
  let offset = 0;
  for (let index = 0; index < count; index++) {
    if (offset + BASE_ENTRY_FIXED_LENGTH > payload.length) throw invalid(`entry ${index} runs past the payload`, 'bad-entry');
    const statisticIndex = payload.readUInt8(offset + 8);
    const textLength = payload.readUInt16BE(offset + 14);
    const textStart = offset + BASE_ENTRY_FIXED_LENGTH;
    if (statisticIndex >= BASE_STATISTIC_KEYS.length || payload.readUInt8(offset + 9) !== 0 || textStart + textLength > payload.length) {
      throw invalid(`entry ${index} is malformed`, 'bad-entry');
    }
    let text: string;
    try {
      text = utf8.decode(payload.subarray(textStart, textStart + textLength));
    } catch {
      throw invalid(`entry ${index} holds text that is not UTF-8`, 'bad-entry');
    }
    entries.push({
      at: instantFromMs(payload.readBigInt64BE(offset), `entries.${index}.at`),
      statistic: BASE_STATISTIC_KEYS[statisticIndex]!,
      delta: payload.readInt32BE(offset + 10),
      text,
    });
    offset = textStart + textLength;
  }
  if (offset !== payload.length) throw invalid('the payload holds bytes after its last entry', 'bad-entry');
  return entries;
}

function checkMagicAndVersion(buffer: Buffer): void {
  const magicBytesPresent = Math.min(buffer.length, BASE_FILE_MAGIC.length);
  if (!buffer.subarray(0, magicBytesPresent).equals(BASE_FILE_MAGIC.subarray(0, magicBytesPresent)) || buffer.length === 0) {
    throw invalid('this is not a simulated PRONOTE base (.HNOT magic bytes missing)', 'magic');
  }
  if (buffer.length < Offset.formatVersion + 2) {
    throw truncated(`the file stops after ${buffer.length} bytes, inside the header`, buffer.length);
  }
  const version = buffer.readUInt16BE(Offset.formatVersion);
  if (version !== BASE_FORMAT_VERSION) {
    throw baseFormatError(
      BaseFormatErrorCode.BASE_FORMAT_UNSUPPORTED,
      `base format version ${version} is not supported (this simulator reads version ${BASE_FORMAT_VERSION})`,
      { formatVersion: version, supported: [BASE_FORMAT_VERSION] },
    );
  }
}

function payloadLength(entries: readonly BaseEntry[]): number {
  return entries.reduce((total, entry) => total + BASE_ENTRY_FIXED_LENGTH + Buffer.byteLength(entry.text, 'utf8'), 0);
}

function instantFromMs(ms: bigint, field: string): string {
  if (ms < 0n || ms > BigInt(MAX_TIMESTAMP_MS)) throw invalid(`${field} is out of range`, 'bad-field');
  return new Date(Number(ms)).toISOString();
}

/** First 4 bytes of the SHA-256 of the header bytes before it. */
function headerCheck(buffer: Buffer): Buffer {
  return sha256(buffer.subarray(0, Offset.headerCheck)).subarray(0, 4);
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function invalid(message: string, reason: string) {
  return baseFormatError(BaseFormatErrorCode.BASE_FILE_INVALID, message, { reason });
}

function truncated(message: string, actualSize: number, expectedSize?: number) {
  return baseFormatError(BaseFormatErrorCode.BASE_FILE_TRUNCATED, message, { actualSize, expectedSize });
}
