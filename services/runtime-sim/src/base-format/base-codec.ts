import {
  BaseFormatErrorCode,
  assertWritableContent,
  baseFormatError,
  canonicalInstantToMs,
  parseSchoolYearLabel,
  type BaseContent,
  type BaseEntry,
} from './base-content.js';
import {
  BASE_ENTRY_FIXED_LENGTH,
  BASE_FILE_MAGIC,
  BASE_FORMAT_VERSION,
  BASE_HEADER_LENGTH,
  BASE_TRAILER_LENGTH,
  EntryOffset,
  HeaderOffset,
  NO_LAST_ENTRY,
  headerCheck,
  sha256,
} from './base-layout.js';
import { BaseReader } from './base-reader.js';
import { BASE_STATISTIC_KEYS } from './statistics.js';

/**
 * Reads and writes the simulator's .HNOT files, format version 1 (FORMAT.md). Every value has exactly
 * one spelling in bytes and decoding refuses anything else, so decode∘encode and encode∘decode are
 * both identities. The reading rules live in base-reader.ts, which also reads a base as it streams.
 */

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
  buffer.writeUInt16BE(BASE_FORMAT_VERSION, HeaderOffset.formatVersion);
  buffer.write(content.uai, HeaderOffset.uai, 'ascii');
  buffer.writeUInt16BE(parseSchoolYearLabel(content.schoolYear)!, HeaderOffset.schoolYearStart);
  buffer.writeUInt16BE(content.pronoteVersion, HeaderOffset.pronoteVersion);
  buffer.writeBigInt64BE(BigInt(canonicalInstantToMs(content.createdAt)!), HeaderOffset.createdAt);
  const lastEntry = content.lastEntryAt === null ? NO_LAST_ENTRY : BigInt(canonicalInstantToMs(content.lastEntryAt)!);
  buffer.writeBigInt64BE(lastEntry, HeaderOffset.lastEntryAt);
  buffer.writeUInt16BE(BASE_STATISTIC_KEYS.length, HeaderOffset.statisticCount);
  BASE_STATISTIC_KEYS.forEach((key, index) => buffer.writeUInt32BE(content.statistics[key], HeaderOffset.statistics + 4 * index));
  buffer.writeUInt32BE(content.entries.length, HeaderOffset.entryCount);
  buffer.writeUInt32BE(length, HeaderOffset.payloadLength);
  headerCheck(buffer).copy(buffer, HeaderOffset.headerCheck);

  let offset = BASE_HEADER_LENGTH;
  for (const entry of content.entries) {
    buffer.writeBigInt64BE(BigInt(canonicalInstantToMs(entry.at)!), offset + EntryOffset.at);
    buffer.writeUInt8(BASE_STATISTIC_KEYS.indexOf(entry.statistic), offset + EntryOffset.statistic);
    buffer.writeInt32BE(entry.delta, offset + EntryOffset.delta);
    const textLength = buffer.write(entry.text, offset + BASE_ENTRY_FIXED_LENGTH, 'utf8');
    buffer.writeUInt16BE(textLength, offset + EntryOffset.textLength);
    offset += BASE_ENTRY_FIXED_LENGTH + textLength;
  }
  sha256(buffer.subarray(0, offset)).copy(buffer, offset);
  return buffer;
}

export function decodeBase(bytes: Uint8Array): BaseContent {
  const reader = new BaseReader<BaseContent>({ keepEntries: true });
  reader.write(bytes);
  return reader.end();
}

function payloadLength(entries: readonly BaseEntry[]): number {
  return entries.reduce((total, entry) => total + BASE_ENTRY_FIXED_LENGTH + Buffer.byteLength(entry.text, 'utf8'), 0);
}
