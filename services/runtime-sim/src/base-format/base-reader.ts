import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { DomainError } from '@pronote/contracts';
import {
  BaseFormatErrorCode,
  MAX_ENTRY_TEXT_BYTES,
  MAX_TIMESTAMP_MS,
  assertWritableContent,
  baseFormatError,
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
} from './base-layout.js';
import { BASE_STATISTIC_KEYS, type BaseStatistics } from './statistics.js';

/**
 * The reading rules of FORMAT.md, applied to a base as it streams by: `decodeBase` is this reader fed
 * the whole buffer at once. It keeps the 128-byte header, the 32-byte trailer, a running SHA-256 and at
 * most one entry straddling two chunks, so a base of any size is checked in bounded memory.
 */

/** The decoded header fields of a base, without its entries. */
export type BaseHeader = Omit<BaseContent, 'entries'>;

/** Only a reader that keeps the entries can promise a BaseContent. */
type BaseReaderOptions<T> = T extends BaseContent ? [options: { readonly keepEntries: true }] : [options?: { readonly keepEntries?: false }];

export class BaseReader<T extends BaseHeader | BaseContent = BaseHeader> {
  private readonly keepEntries: boolean;
  private readonly header = Buffer.alloc(BASE_HEADER_LENGTH);
  private readonly trailer = Buffer.alloc(BASE_TRAILER_LENGTH);
  /** Bytes written so far. */
  private length = 0;
  /** Set once the header passed its checks: from then on its payload length can be trusted. */
  private payload: { readonly length: number; readonly hash: Hash } | null = null;
  /** The header fields, or the first of them that breaks the format. */
  private fields: BaseHeader | DomainError | null = null;
  /** Reads the entries while the header fields are sound. */
  private entries: EntryReader | null = null;
  private ended = false;

  constructor(...[options]: BaseReaderOptions<T>) {
    this.keepEntries = options?.keepEntries === true;
  }

  /** Never throws for what the bytes hold: problems are recorded, the bytes after them only counted. */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('BaseReader: write() after end()');
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const chunkStart = this.length;
    this.length += bytes.length;
    let position = 0;
    if (chunkStart < BASE_HEADER_LENGTH) {
      position = Math.min(BASE_HEADER_LENGTH - chunkStart, bytes.length);
      bytes.copy(this.header, chunkStart, 0, position);
      if (chunkStart + position === BASE_HEADER_LENGTH) this.readHeader();
    }
    if (this.payload === null) return;

    const payloadEnd = BASE_HEADER_LENGTH + this.payload.length;
    let offset = chunkStart + position;
    if (offset < payloadEnd && position < bytes.length) {
      const end = position + Math.min(payloadEnd - offset, bytes.length - position);
      const payloadBytes = bytes.subarray(position, end);
      this.payload.hash.update(payloadBytes);
      this.entries?.read(payloadBytes);
      offset += end - position;
      position = end;
    }
    if (offset < payloadEnd + BASE_TRAILER_LENGTH && position < bytes.length) {
      const end = position + Math.min(payloadEnd + BASE_TRAILER_LENGTH - offset, bytes.length - position);
      bytes.copy(this.trailer, offset - payloadEnd, position, end);
    }
  }

  /** Throws the error `decodeBase` throws for all the bytes written, in the same order of checks. */
  end(): T {
    if (this.ended) throw new Error('BaseReader: end() called twice');
    this.ended = true;
    const framingError =
      headerError(this.header.subarray(0, Math.min(this.length, BASE_HEADER_LENGTH)), this.length) ??
      sizeError(this.payload!.length, this.length);
    if (framingError) throw framingError;
    if (!this.payload!.hash.digest().equals(this.trailer)) {
      throw invalid('the SHA-256 checksum does not match: the file is corrupted', 'checksum-mismatch');
    }
    // The checksum passed: any oddity now means a writer broke the format, not the disk.
    if (this.fields instanceof DomainError) throw this.fields;
    if (this.entries!.problem) throw this.entries!.problem;
    const fields = this.fields!;
    try {
      // Entries read as above always have a spelling (instant in range, known statistic, 32-bit delta,
      // well-formed text of at most 65 535 bytes): only the UAI and school year are left to check.
      assertWritableContent({ ...fields, entries: [] });
    } catch (error) {
      throw invalid(`a header field cannot be read back: ${(error as Error).message}`, 'bad-field');
    }
    return (this.keepEntries ? { ...fields, entries: this.entries!.entries } : fields) as T;
  }

  private readHeader(): void {
    if (headerError(this.header, BASE_HEADER_LENGTH) !== null) return;
    const length = this.header.readUInt32BE(HeaderOffset.payloadLength);
    this.payload = { length, hash: createHash('sha256').update(this.header) };
    this.fields = readHeaderFields(this.header);
    if (!(this.fields instanceof DomainError)) {
      this.entries = new EntryReader(length, this.header.readUInt32BE(HeaderOffset.entryCount), this.keepEntries);
    }
  }
}

/** Reads a base chunk by chunk, keeping only the header fields (entries are checked, not kept). */
export function baseHeaderReader(): BaseReader<BaseHeader> {
  return new BaseReader();
}

/** Reads the payload's entries in order; only an entry straddling two chunks is copied, into `carry`. */
class EntryReader {
  readonly entries: BaseEntry[] = [];
  /** The first entry that breaks the format: the reader stops there. */
  problem: DomainError | null = null;
  private index = 0;
  /** Payload offset of the entry being read. */
  private start = 0;
  private complete = false;
  private carry: Buffer | null = null;
  private carried = 0;

  constructor(
    private readonly payloadLength: number,
    private readonly count: number,
    private readonly keepEntries: boolean,
  ) {
    this.checkNextEntry();
  }

  /** Takes the next bytes of the payload. */
  read(bytes: Buffer): void {
    if (this.problem !== null || this.complete) return;
    let position = this.carried > 0 ? this.continueCarried(bytes) : 0;
    while (this.problem === null && !this.complete && position < bytes.length) {
      const available = bytes.length - position;
      if (available < BASE_ENTRY_FIXED_LENGTH) break;
      if (!this.checkFixedPart(bytes, position)) return;
      const entryLength = BASE_ENTRY_FIXED_LENGTH + bytes.readUInt16BE(position + EntryOffset.textLength);
      if (available < entryLength) break;
      this.readEntry(bytes, position, entryLength);
      position += entryLength;
    }
    if (this.problem === null && !this.complete && position < bytes.length) this.startCarry(bytes, position);
  }

  /** Returns how many bytes of `bytes` completed the carried entry. */
  private continueCarried(bytes: Buffer): number {
    const carry = this.carry!;
    let position = 0;
    if (this.carried < BASE_ENTRY_FIXED_LENGTH) {
      position = this.carryIn(bytes, 0, BASE_ENTRY_FIXED_LENGTH - this.carried);
      if (this.carried < BASE_ENTRY_FIXED_LENGTH || !this.checkFixedPart(carry, 0)) return bytes.length;
    }
    const entryLength = BASE_ENTRY_FIXED_LENGTH + carry.readUInt16BE(EntryOffset.textLength);
    position += this.carryIn(bytes, position, entryLength - this.carried);
    if (this.carried === entryLength) {
      this.carried = 0;
      this.readEntry(carry, 0, entryLength);
    }
    return position;
  }

  private startCarry(bytes: Buffer, position: number): void {
    this.carry ??= Buffer.allocUnsafe(BASE_ENTRY_FIXED_LENGTH + MAX_ENTRY_TEXT_BYTES);
    this.carried = bytes.copy(this.carry, 0, position);
  }

  private carryIn(bytes: Buffer, position: number, wanted: number): number {
    const end = position + Math.min(wanted, bytes.length - position);
    this.carried += bytes.copy(this.carry!, this.carried, position, end);
    return end - position;
  }

  private checkFixedPart(bytes: Buffer, position: number): boolean {
    const textEnd = this.start + BASE_ENTRY_FIXED_LENGTH + bytes.readUInt16BE(position + EntryOffset.textLength);
    if (
      bytes[position + EntryOffset.statistic]! >= BASE_STATISTIC_KEYS.length ||
      bytes[position + EntryOffset.reserved] !== 0 ||
      textEnd > this.payloadLength
    ) {
      this.problem = invalid(`entry ${this.index} is malformed`, 'bad-entry');
      return false;
    }
    return true;
  }

  private readEntry(bytes: Buffer, position: number, entryLength: number): void {
    const textBytes = bytes.subarray(position + BASE_ENTRY_FIXED_LENGTH, position + entryLength);
    // Without entries to keep, validating is enough: isUtf8 is as strict as the fatal decoder, and a third faster.
    const text = this.keepEntries ? decodeUtf8(textBytes) : isUtf8(textBytes) ? '' : null;
    if (text === null) {
      this.problem = invalid(`entry ${this.index} holds text that is not UTF-8`, 'bad-entry');
      return;
    }
    const atMs = bytes.readBigInt64BE(position + EntryOffset.at);
    if (!isStorableInstant(atMs)) {
      this.problem = invalid(`entries.${this.index}.at is out of range`, 'bad-field');
      return;
    }
    if (this.keepEntries) {
      this.entries.push({
        at: isoInstant(atMs),
        statistic: BASE_STATISTIC_KEYS[bytes[position + EntryOffset.statistic]!]!,
        delta: bytes.readInt32BE(position + EntryOffset.delta),
        text,
      });
    }
    this.index++;
    this.start += entryLength;
    this.checkNextEntry();
  }

  /** What the header's counts alone say about the entry starting at `start`. */
  private checkNextEntry(): void {
    if (this.index === this.count) {
      if (this.start < this.payloadLength) this.problem = invalid('the payload holds bytes after its last entry', 'bad-entry');
      else this.complete = true;
    } else if (this.start + BASE_ENTRY_FIXED_LENGTH > this.payloadLength) {
      this.problem = invalid(`entry ${this.index} runs past the payload`, 'bad-entry');
    }
  }
}

/** Magic, version and header check, on the first min(fileLength, 128) bytes of a file of `fileLength` bytes. */
function headerError(start: Buffer, fileLength: number): DomainError | null {
  const magicBytesPresent = Math.min(start.length, BASE_FILE_MAGIC.length);
  if (fileLength === 0 || !start.subarray(0, magicBytesPresent).equals(BASE_FILE_MAGIC.subarray(0, magicBytesPresent))) {
    return invalid('this is not a simulated PRONOTE base (.HNOT magic bytes missing)', 'magic');
  }
  if (fileLength < HeaderOffset.formatVersion + 2) {
    return truncated(`the file stops after ${fileLength} bytes, inside the header`, fileLength);
  }
  const version = start.readUInt16BE(HeaderOffset.formatVersion);
  if (version !== BASE_FORMAT_VERSION) {
    return baseFormatError(
      BaseFormatErrorCode.BASE_FORMAT_UNSUPPORTED,
      `base format version ${version} is not supported (this simulator reads version ${BASE_FORMAT_VERSION})`,
      { formatVersion: version, supported: [BASE_FORMAT_VERSION] },
    );
  }
  if (fileLength < BASE_HEADER_LENGTH) {
    return truncated(`the header needs ${BASE_HEADER_LENGTH} bytes, the file has ${fileLength}`, fileLength);
  }
  // Checked before trusting the payload length, so a damaged length reads as corruption, not truncation.
  if (!headerCheck(start).equals(start.subarray(HeaderOffset.headerCheck, BASE_HEADER_LENGTH))) {
    return invalid('the header check does not match: the header is corrupted', 'header-check-mismatch');
  }
  return null;
}

function sizeError(payloadLength: number, fileLength: number): DomainError | null {
  const expectedSize = BASE_HEADER_LENGTH + payloadLength + BASE_TRAILER_LENGTH;
  if (fileLength < expectedSize) {
    return truncated(`the header announces ${expectedSize} bytes, the file has ${fileLength}`, fileLength, expectedSize);
  }
  if (fileLength > expectedSize) return invalid(`${fileLength - expectedSize} unexpected bytes after the checksum`, 'trailing-bytes');
  return null;
}

/** The header fields, or the first that breaks the format (the UAI and school year are checked last, in `end`). */
function readHeaderFields(header: Buffer): BaseHeader | DomainError {
  if (header.readUInt16BE(HeaderOffset.flags) !== 0 || header.readUInt16BE(HeaderOffset.reserved) !== 0) {
    return invalid('reserved header bytes must be zero', 'reserved-bytes');
  }
  if (header.readUInt16BE(HeaderOffset.statisticCount) !== BASE_STATISTIC_KEYS.length) {
    return invalid(`version 1 holds ${BASE_STATISTIC_KEYS.length} statistics`, 'statistic-count');
  }
  const createdAtMs = header.readBigInt64BE(HeaderOffset.createdAt);
  if (!isStorableInstant(createdAtMs)) return invalid('createdAt is out of range', 'bad-field');
  const lastEntryMs = header.readBigInt64BE(HeaderOffset.lastEntryAt);
  if (lastEntryMs !== NO_LAST_ENTRY && !isStorableInstant(lastEntryMs)) return invalid('lastEntryAt is out of range', 'bad-field');
  const schoolYearStart = header.readUInt16BE(HeaderOffset.schoolYearStart);
  return {
    uai: header.toString('latin1', HeaderOffset.uai, HeaderOffset.uai + 8),
    schoolYear: `${schoolYearStart}-${schoolYearStart + 1}`,
    pronoteVersion: header.readUInt16BE(HeaderOffset.pronoteVersion),
    createdAt: isoInstant(createdAtMs),
    lastEntryAt: lastEntryMs === NO_LAST_ENTRY ? null : isoInstant(lastEntryMs),
    statistics: Object.fromEntries(
      BASE_STATISTIC_KEYS.map((key, index) => [key, header.readUInt32BE(HeaderOffset.statistics + 4 * index)]),
    ) as BaseStatistics,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

const MAX_INSTANT = BigInt(MAX_TIMESTAMP_MS);

function isStorableInstant(ms: bigint): boolean {
  return ms >= 0n && ms <= MAX_INSTANT;
}

function isoInstant(ms: bigint): string {
  return new Date(Number(ms)).toISOString();
}

function invalid(message: string, reason: string): DomainError {
  return baseFormatError(BaseFormatErrorCode.BASE_FILE_INVALID, message, { reason });
}

function truncated(message: string, actualSize: number, expectedSize?: number): DomainError {
  return baseFormatError(BaseFormatErrorCode.BASE_FILE_TRUNCATED, message, { actualSize, expectedSize });
}
