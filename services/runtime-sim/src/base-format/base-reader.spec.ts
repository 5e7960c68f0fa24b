import { createHash } from 'node:crypto';
import { DomainError } from '@pronote/contracts';
import { BaseFormatErrorCode, MAX_ENTRY_TEXT_BYTES, MAX_TIMESTAMP_MS, type BaseContent } from './base-content.js';
import { decodeBase, encodeBase } from './base-codec.js';
import { BASE_TRAILER_LENGTH } from './base-layout.js';
import { BaseReader, baseHeaderReader, type BaseHeader } from './base-reader.js';
import { sampleBase } from './sample-base.js';
import { SEED_SAMPLE_STATISTICS, zeroStatistics } from './statistics.js';

const reference: BaseContent = {
  uai: '0750654D',
  schoolYear: '2022-2023',
  pronoteVersion: 2022,
  createdAt: '2022-06-14T10:23:00.000Z',
  lastEntryAt: '2022-06-23T02:20:00.000Z',
  statistics: SEED_SAMPLE_STATISTICS,
  entries: [
    { at: '2022-06-23T02:20:00.000Z', statistic: 'absences', delta: 1, text: 'Absence de 8h00 à 9h00, 4B' },
    { at: '2022-06-23T02:21:00.000Z', statistic: 'notes', delta: -2, text: 'Élève 🎓 « très bien »' },
    { at: '2022-06-23T02:22:00.000Z', statistic: 'suivis', delta: 3, text: '' },
  ],
};
const bytes = encodeBase(reference);
/** Where the second entry starts (it has a multi-byte text, the third an empty one). */
const secondEntry = 128 + 16 + Buffer.byteLength(reference.entries[0]!.text);

type Outcome = { content: unknown } | { error: { name: string; code: string; message: string; details: unknown } };

function outcome(read: () => unknown): Outcome {
  try {
    return { content: read() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { error: { name: error.name, code: error.code, message: error.message, details: error.details } };
  }
}

function withoutEntries(result: Outcome): Outcome {
  if (!('content' in result)) return result;
  const { entries: _, ...header } = result.content as BaseContent;
  return { content: header };
}

function feed<T extends BaseHeader | BaseContent>(reader: BaseReader<T>, chunks: Iterable<Uint8Array>): T {
  for (const chunk of chunks) reader.write(chunk);
  return reader.end();
}

function* chunksOf(data: Buffer, size: number): Generator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

const contentReader = () => new BaseReader<BaseContent>({ keepEntries: true });

/** Chunk sizes from 1 byte to the whole file, and every way of cutting it in two. */
function expectEveryChunkingToMatchDecode(data: Buffer): Outcome {
  const whole = outcome(() => decodeBase(data));
  for (let size = 1; size <= data.length + 1; size++) {
    expect([size, outcome(() => feed(contentReader(), chunksOf(data, size)))]).toEqual([size, whole]);
    expect([size, outcome(() => feed(baseHeaderReader(), chunksOf(data, size)))]).toEqual([size, withoutEntries(whole)]);
  }
  for (let cut = 0; cut <= data.length; cut++) {
    const halves = [data.subarray(0, cut), data.subarray(cut)];
    expect([cut, outcome(() => feed(contentReader(), halves))]).toEqual([cut, whole]);
  }
  return whole;
}

/** Rewrites the header check and trailer so a deliberately odd field gets past the checksums. */
function reseal(damaged: Buffer): Buffer {
  const copy = Buffer.from(damaged);
  createHash('sha256').update(copy.subarray(0, 124)).digest().copy(copy, 124, 0, 4);
  const end = copy.length - BASE_TRAILER_LENGTH;
  createHash('sha256').update(copy.subarray(0, end)).digest().copy(copy, end);
  return copy;
}

function damage(change: (b: Buffer) => void): Buffer {
  const copy = Buffer.from(bytes);
  change(copy);
  return copy;
}

describe('BaseReader: valid bases, in chunks of every size and cut anywhere', () => {
  it.each<[string, BaseContent]>([
    ['three entries, multi-byte and empty texts', reference],
    ['no entry at all', { ...reference, statistics: zeroStatistics(), entries: [], lastEntryAt: null }],
    ['a 640-byte sample', sampleBase(640)],
  ])('%s', (_, content) => {
    expect(expectEveryChunkingToMatchDecode(encodeBase(content))).toEqual({ content });
  });

  it('carries an entry of the largest size across chunks', () => {
    const content: BaseContent = {
      ...reference,
      entries: [reference.entries[0]!, { ...reference.entries[1]!, text: 'é'.repeat(MAX_ENTRY_TEXT_BYTES >> 1) + 'x' }, reference.entries[2]!],
    };
    const data = encodeBase(content);
    for (const size of [1, 7, 16, 4096, 65_536, 65_551, 65_552, data.length]) {
      expect([size, feed(contentReader(), chunksOf(data, size))]).toEqual([size, content]);
    }
  });

  it('reads the header fields only, without the entries', () => {
    const { entries: _, ...header } = reference;
    const read = feed(baseHeaderReader(), chunksOf(bytes, 5));
    expect(read).toEqual(header);
    expect(read).not.toHaveProperty('entries');
  });

  it('accepts Uint8Array views that are not Buffers', () => {
    const larger = new Uint8Array(bytes.length + 10);
    larger.set(bytes, 5);
    const reader = contentReader();
    reader.write(larger.subarray(5, 50));
    reader.write(larger.subarray(50, 5 + bytes.length));
    expect(reader.end()).toEqual(reference);
  });
});

describe('BaseReader: damaged files give decodeBase’s error, however they are cut', () => {
  it.each<[string, Buffer, BaseFormatErrorCode, RegExp]>([
    ['not a base', Buffer.from('Base année 2022-2023 exportée depuis PRONOTE'), BaseFormatErrorCode.BASE_FILE_INVALID, /magic bytes/],
    ['a damaged magic', damage((b) => (b[3] = 0)), BaseFormatErrorCode.BASE_FILE_INVALID, /magic bytes/],
    ['another version', damage((b) => b.writeUInt16BE(2, 8)), BaseFormatErrorCode.BASE_FORMAT_UNSUPPORTED, /version 2 is not supported/],
    ['a damaged header', damage((b) => (b[50] ^= 1)), BaseFormatErrorCode.BASE_FILE_INVALID, /header check/],
    ['a damaged payload length', damage((b) => b.writeUInt32BE(1_000_000, 120)), BaseFormatErrorCode.BASE_FILE_INVALID, /header check/],
    ['a damaged entry', damage((b) => (b[secondEntry + 20] ^= 1)), BaseFormatErrorCode.BASE_FILE_INVALID, /SHA-256/],
    ['a damaged trailer', damage((b) => (b[b.length - 1] ^= 1)), BaseFormatErrorCode.BASE_FILE_INVALID, /SHA-256/],
    ['bytes after the trailer', Buffer.concat([bytes, Buffer.from('xyz')]), BaseFormatErrorCode.BASE_FILE_INVALID, /3 unexpected bytes/],
    ['a missing trailer byte', bytes.subarray(0, bytes.length - 1), BaseFormatErrorCode.BASE_FILE_TRUNCATED, /announces/],
    ['a header cut short', bytes.subarray(0, 100), BaseFormatErrorCode.BASE_FILE_TRUNCATED, /header needs 128 bytes/],
    ['a file stopping before the version', bytes.subarray(0, 9), BaseFormatErrorCode.BASE_FILE_TRUNCATED, /stops after 9 bytes/],
    ['reserved flags', reseal(damage((b) => b.writeUInt16BE(1, 10))), BaseFormatErrorCode.BASE_FILE_INVALID, /reserved header bytes/],
    ['a reserved word', reseal(damage((b) => b.writeUInt16BE(1, 42))), BaseFormatErrorCode.BASE_FILE_INVALID, /reserved header bytes/],
    ['another statistics count', reseal(damage((b) => b.writeUInt16BE(19, 40))), BaseFormatErrorCode.BASE_FILE_INVALID, /holds 18 statistics/],
    ['a creation after 9999', reseal(damage((b) => b.writeBigInt64BE(BigInt(MAX_TIMESTAMP_MS) + 1n, 24))), BaseFormatErrorCode.BASE_FILE_INVALID, /createdAt is out/],
    ['a last entry before 1970', reseal(damage((b) => b.writeBigInt64BE(-2n, 32))), BaseFormatErrorCode.BASE_FILE_INVALID, /lastEntryAt is out/],
    ['a UAI with a wrong check letter', reseal(damage((b) => b.write('E', 19, 'ascii'))), BaseFormatErrorCode.BASE_FILE_INVALID, /cannot be read back: uai/],
    ['a 3-digit school year', reseal(damage((b) => b.writeUInt16BE(999, 20))), BaseFormatErrorCode.BASE_FILE_INVALID, /cannot be read back: schoolYear/],
    ['an unknown statistic index', reseal(damage((b) => b.writeUInt8(18, secondEntry + 8))), BaseFormatErrorCode.BASE_FILE_INVALID, /entry 1 is malformed/],
    ['a non-zero entry reserved byte', reseal(damage((b) => b.writeUInt8(1, secondEntry + 9))), BaseFormatErrorCode.BASE_FILE_INVALID, /entry 1 is malformed/],
    ['a text running past the payload', reseal(damage((b) => b.writeUInt16BE(0xffff, secondEntry + 14))), BaseFormatErrorCode.BASE_FILE_INVALID, /entry 1 is malformed/],
    ['a shorter text', reseal(damage((b) => b.writeUInt16BE(3, secondEntry + 14))), BaseFormatErrorCode.BASE_FILE_INVALID, /entry 2 is malformed/],
    ['text that is not UTF-8', reseal(damage((b) => b.writeUInt8(0xff, secondEntry + 17))), BaseFormatErrorCode.BASE_FILE_INVALID, /entry 1 holds text that is not UTF-8/],
    ['an entry after 9999', reseal(damage((b) => b.writeBigInt64BE(BigInt(MAX_TIMESTAMP_MS) + 1n, secondEntry))), BaseFormatErrorCode.BASE_FILE_INVALID, /entries\.1\.at is out/],
    ['more entries than the payload holds', reseal(damage((b) => b.writeUInt32BE(4, 116))), BaseFormatErrorCode.BASE_FILE_INVALID, /entry 3 runs past/],
    ['fewer entries than the payload holds', reseal(damage((b) => b.writeUInt32BE(2, 116))), BaseFormatErrorCode.BASE_FILE_INVALID, /bytes after its last entry/],
  ])('%s', (_, data, code, message) => {
    const whole = expectEveryChunkingToMatchDecode(data);
    expect(whole).toEqual({ error: expect.objectContaining({ code, message: expect.stringMatching(message) }) });
  });

  it('keeps decodeBase’s precedence: a header field before an earlier-read entry, an entry before the UAI', () => {
    const fieldAndEntry = reseal(damage((b) => (b.writeBigInt64BE(-2n, 32), b.writeUInt8(18, secondEntry + 8))));
    expect(expectEveryChunkingToMatchDecode(fieldAndEntry)).toEqual({ error: expect.objectContaining({ message: 'lastEntryAt is out of range' }) });
    const entryAndUai = reseal(damage((b) => (b.write('E', 19, 'ascii'), b.writeUInt8(18, secondEntry + 8))));
    expect(expectEveryChunkingToMatchDecode(entryAndUai)).toEqual({ error: expect.objectContaining({ message: 'entry 1 is malformed' }) });
    const entryAndChecksum = damage((b) => b.writeUInt8(18, secondEntry + 8));
    expect(expectEveryChunkingToMatchDecode(entryAndChecksum)).toEqual({ error: expect.objectContaining({ details: { reason: 'checksum-mismatch' } }) });
  });

  it('reports every strict prefix as decodeBase does', () => {
    for (let length = 0; length < bytes.length; length++) {
      const prefix = bytes.subarray(0, length);
      const whole = outcome(() => decodeBase(prefix));
      for (const size of [1, 3, 16, 64]) {
        expect([length, size, outcome(() => feed(baseHeaderReader(), chunksOf(prefix, size)))]).toEqual([length, size, whole]);
      }
    }
  });
});

describe('BaseReader: usage', () => {
  it('gives the empty-file error when nothing was written', () => {
    const nothing = outcome(() => baseHeaderReader().end());
    expect(nothing).toEqual(outcome(() => decodeBase(Buffer.alloc(0))));
    expect(nothing).toEqual({ error: expect.objectContaining({ code: BaseFormatErrorCode.BASE_FILE_INVALID, details: { reason: 'magic' } }) });
  });

  it('keeps accepting writes after garbage, and reports at the end', () => {
    const reader = baseHeaderReader();
    reader.write(Buffer.from('PK\x03\x04 not a base at all'));
    for (let chunk = 0; chunk < 100; chunk++) expect(() => reader.write(Buffer.alloc(64 * 1024, chunk))).not.toThrow();
    expect(outcome(() => reader.end())).toEqual({ error: expect.objectContaining({ details: { reason: 'magic' } }) });
  });

  it('keeps accepting writes after a bad entry, and reports it once the checksum is known', () => {
    const data = reseal(damage((b) => b.writeUInt8(18, secondEntry + 8)));
    const reader = contentReader();
    expect(() => {
      for (const chunk of chunksOf(data, 10)) reader.write(chunk);
      reader.write(Buffer.alloc(1000));
    }).not.toThrow();
    expect(outcome(() => reader.end())).toEqual({ error: expect.objectContaining({ details: { reason: 'trailing-bytes' } }) });
  });

  it('refuses to be used after end()', () => {
    const reader = baseHeaderReader();
    reader.write(bytes);
    reader.end();
    expect(() => reader.write(bytes)).toThrow(/after end/);
    expect(() => reader.end()).toThrow(/twice/);
  });
});
