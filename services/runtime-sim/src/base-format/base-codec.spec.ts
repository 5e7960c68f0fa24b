import { createHash } from 'node:crypto';
import { DomainError } from '@pronote/contracts';
import { BaseFormatErrorCode, MAX_ENTRY_TEXT_BYTES, MAX_TIMESTAMP_MS, type BaseContent } from './base-content.js';
import { decodeBase, encodeBase, encodedBaseSize } from './base-codec.js';
import { BASE_HEADER_LENGTH, BASE_TRAILER_LENGTH } from './base-layout.js';
import { sampleBase } from './sample-base.js';
import { SEED_SAMPLE_STATISTICS, zeroStatistics } from './statistics.js';

/** Also pasted in services/bases/src/domain/base-files.spec.ts: the two services must agree on these bytes. */
const REFERENCE_HEX =
  '89484e4f540d0a1a00010000303735303635344407e607e60000018161bceba0' +
  '000001818e5bf480001200000000006b000000370000006f000000880000049f' +
  '0000002a000005f000005d9b0000173e000004d700001df60000001f00000000' +
  '000000020000003f00001412000003a700001b48000000010000002b12e525ad' +
  '000001818e5bf4800f0000000001001b416273656e6365206465203868303020' +
  'c3a020396830302c203442fc5aa3d46fd6296855a8eff7c8404ce451c15d42b5' +
  '1fe624b1e96dc9985abcc2';

const reference: BaseContent = {
  uai: '0750654D',
  schoolYear: '2022-2023',
  pronoteVersion: 2022,
  createdAt: '2022-06-14T10:23:00.000Z',
  lastEntryAt: '2022-06-23T02:20:00.000Z',
  statistics: SEED_SAMPLE_STATISTICS,
  entries: [{ at: '2022-06-23T02:20:00.000Z', statistic: 'absences', delta: 1, text: 'Absence de 8h00 à 9h00, 4B' }],
};

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** Rewrites the header check and trailer so a deliberately odd field gets past the checksums. */
function reseal(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  createHash('sha256').update(copy.subarray(0, 124)).digest().copy(copy, 124, 0, 4);
  const end = copy.length - BASE_TRAILER_LENGTH;
  createHash('sha256').update(copy.subarray(0, end)).digest().copy(copy, end);
  return copy;
}

describe('base format v1: layout', () => {
  it('writes the reference base to the documented bytes', () => {
    expect(encodeBase(reference).toString('hex')).toBe(REFERENCE_HEX);
    expect(encodedBaseSize(reference)).toBe(REFERENCE_HEX.length / 2);
  });

  it('reads the reference bytes back to the reference content', () => {
    expect(decodeBase(Buffer.from(REFERENCE_HEX, 'hex'))).toEqual(reference);
  });

  it('has a 128-byte header and a 32-byte SHA-256 trailer', () => {
    const empty = { ...reference, entries: [], lastEntryAt: null };
    const bytes = encodeBase(empty);
    expect(bytes.length).toBe(BASE_HEADER_LENGTH + BASE_TRAILER_LENGTH);
    expect(bytes.subarray(128).equals(createHash('sha256').update(bytes.subarray(0, 128)).digest())).toBe(true);
    expect(bytes.readBigInt64BE(32)).toBe(-1n);
  });
});

describe('base format v1: round trips', () => {
  const cases: Array<[string, BaseContent]> = [
    ['the reference base', reference],
    ['an empty base', { ...reference, statistics: zeroStatistics(), entries: [], lastEntryAt: null }],
    ['a 436 KB sample', sampleBase(436 * 1024)],
    [
      'extreme values',
      {
        ...reference,
        pronoteVersion: 65535,
        createdAt: new Date(0).toISOString(),
        lastEntryAt: new Date(MAX_TIMESTAMP_MS).toISOString(),
        statistics: { ...zeroStatistics(), notes: 0xffffffff },
        entries: [
          { at: new Date(MAX_TIMESTAMP_MS).toISOString(), statistic: 'suivis', delta: -0x80000000, text: '' },
          { at: new Date(0).toISOString(), statistic: 'professeurs', delta: 0x7fffffff, text: 'é'.repeat(MAX_ENTRY_TEXT_BYTES >> 1) },
        ],
      },
    ],
    [
      'texts a lenient decoder would alter',
      {
        ...reference,
        entries: [
          { at: reference.createdAt, statistic: 'notes', delta: 1, text: '\uFEFFBOM en tête' },
          { at: reference.createdAt, statistic: 'notes', delta: 1, text: 'Élève 🎓 « très bien »\u0000' },
        ],
      },
    ],
  ];

  it.each(cases)('decode(encode(x)) equals x: %s', (_, content) => {
    expect(decodeBase(encodeBase(content))).toEqual(content);
  });

  it.each(cases)('encode(decode(bytes)) gives the same bytes: %s', (_, content) => {
    const bytes = encodeBase(content);
    expect(encodeBase(decodeBase(bytes)).equals(bytes)).toBe(true);
  });

  it('reads from a Uint8Array view inside a larger buffer', () => {
    const bytes = Buffer.from(REFERENCE_HEX, 'hex');
    const larger = new Uint8Array(bytes.length + 10);
    larger.set(bytes, 5);
    expect(decodeBase(larger.subarray(5, 5 + bytes.length))).toEqual(reference);
  });
});

describe('base format v1: damaged files', () => {
  const bytes = Buffer.from(REFERENCE_HEX, 'hex');

  it('reports every strict prefix as truncated', () => {
    for (let length = 1; length < bytes.length; length++) {
      expect([length, codeOf(() => decodeBase(bytes.subarray(0, length)))]).toEqual([length, BaseFormatErrorCode.BASE_FILE_TRUNCATED]);
    }
  });

  it('reports any single flipped byte: unsupported in the version field, invalid anywhere else', () => {
    for (let index = 0; index < bytes.length; index++) {
      const damaged = Buffer.from(bytes);
      damaged[index] = damaged[index]! ^ 0x01;
      const expected = index === 8 || index === 9 ? BaseFormatErrorCode.BASE_FORMAT_UNSUPPORTED : BaseFormatErrorCode.BASE_FILE_INVALID;
      expect([index, codeOf(() => decodeBase(damaged))]).toEqual([index, expected]);
    }
  });

  it('refuses bytes after the trailer', () => {
    expect(codeOf(() => decodeBase(Buffer.concat([bytes, Buffer.from([0])])))).toBe(BaseFormatErrorCode.BASE_FILE_INVALID);
  });

  it('refuses files that are not bases, including an empty one', () => {
    for (const other of [Buffer.alloc(0), Buffer.from('Base année 2022-2023'), Buffer.from('89504e470d0a1a0a', 'hex')]) {
      expect(codeOf(() => decodeBase(other))).toBe(BaseFormatErrorCode.BASE_FILE_INVALID);
    }
  });

  it('refuses an unknown format version, naming the supported one', () => {
    const newer = Buffer.from(bytes);
    newer.writeUInt16BE(2, 8);
    expect(() => decodeBase(newer)).toThrow(expect.objectContaining({
      code: BaseFormatErrorCode.BASE_FORMAT_UNSUPPORTED,
      details: expect.objectContaining({ formatVersion: 2, supported: [1] }),
    }));
  });

  it.each<[string, (b: Buffer) => void]>([
    ['reserved flags', (b) => b.writeUInt16BE(1, 10)],
    ['reserved word', (b) => b.writeUInt16BE(1, 42)],
    ['a UAI with a wrong check letter', (b) => b.write('E', 19, 'ascii')],
    ['another statistics count', (b) => b.writeUInt16BE(19, 40)],
    ['a last entry before 1970', (b) => b.writeBigInt64BE(-2n, 32)],
    ['a date after 9999', (b) => b.writeBigInt64BE(BigInt(MAX_TIMESTAMP_MS) + 1n, 24)],
    ['an unknown statistic index', (b) => b.writeUInt8(18, 128 + 8)],
    ['a non-zero entry reserved byte', (b) => b.writeUInt8(1, 128 + 9)],
    ['text that is not UTF-8', (b) => b.writeUInt8(0xff, 128 + 16)],
    ['a text running past the payload', (b) => b.writeUInt16BE(0x1c, 128 + 14)],
    ['a shorter text leaving bytes unread', (b) => b.writeUInt16BE(0x1a, 128 + 14)],
    ['more entries than the payload holds', (b) => b.writeUInt32BE(2, 116)],
  ])('refuses a well-sealed file with %s', (_, damage) => {
    const odd = Buffer.from(bytes);
    damage(odd);
    expect(codeOf(() => decodeBase(reseal(odd)))).toBe(BaseFormatErrorCode.BASE_FILE_INVALID);
  });
});

describe('base format v1: writing refuses content without a spelling', () => {
  const entry = reference.entries[0]!;
  it.each<[string, Partial<BaseContent>]>([
    ['a UAI with a wrong check letter', { uai: '0750654E' }],
    ['a lower-case UAI', { uai: '0750654d' }],
    ['a school year not following on', { schoolYear: '2022-2024' }],
    ['a PRONOTE version over 16 bits', { pronoteVersion: 70000 }],
    ['a non-canonical creation instant', { createdAt: '2022-06-14T12:23:00+02:00' }],
    ['an instant before 1970', { createdAt: '1969-12-31T23:59:59.999Z' }],
    ['a non-canonical last entry', { lastEntryAt: '2022-06-23' }],
    ['a missing counter', { statistics: { ...zeroStatistics(), suivis: undefined } as never }],
    ['an extra counter', { statistics: { ...zeroStatistics(), licences: 1 } as never }],
    ['a negative counter', { statistics: { ...zeroStatistics(), notes: -1 } }],
    ['a counter over 32 bits', { statistics: { ...zeroStatistics(), notes: 2 ** 32 } }],
    ['a fractional counter', { statistics: { ...zeroStatistics(), notes: 1.5 } }],
    ['an entry with an unknown counter', { entries: [{ ...entry, statistic: 'licences' as never }] }],
    ['an entry delta over 31 bits', { entries: [{ ...entry, delta: 2 ** 31 }] }],
    ['an entry text with a lone surrogate', { entries: [{ ...entry, text: 'a\uD800b' }] }],
    ['an entry text over 65535 bytes', { entries: [{ ...entry, text: 'x'.repeat(MAX_ENTRY_TEXT_BYTES + 1) }] }],
    ['an entry at a non-canonical instant', { entries: [{ ...entry, at: 'hier' }] }],
  ])('%s', (_, change) => {
    expect(codeOf(() => encodeBase({ ...reference, ...change }))).toBe(BaseFormatErrorCode.BASE_CONTENT_INVALID);
  });

  it('names the field at fault', () => {
    expect(() => encodeBase({ ...reference, entries: [entry, { ...entry, delta: 0.5 }] })).toThrow(/entries\.1\.delta/);
  });
});
