import { createHash } from 'node:crypto';
import { inspectBaseFileHeader } from './base-files.js';
import { encodeBaseFile, encodeEmptyBase } from './base-file-writer.js';

describe('base file writer', () => {
  it('writes an empty base the header reader recognises, 160 bytes with a right trailer', () => {
    const bytes = encodeEmptyBase('0750654D', 2022, 2022, new Date('2022-08-20T06:00:00Z'));
    expect(bytes.length).toBe(160);
    const header = inspectBaseFileHeader(bytes.subarray(0, 128));
    expect(header).toMatchObject({ uai: '0750654D', schoolYear: '2022-2023', pronoteVersion: 2022, lastEntryAt: null, announcedSize: 160 });
    expect(bytes.subarray(128).equals(createHash('sha256').update(bytes.subarray(0, 128)).digest())).toBe(true);
  });

  it('announces the size of a base with entries', () => {
    const entries = [{ at: new Date('2022-09-05T08:00:00Z'), statisticIndex: 7, delta: 1, text: 'note de maths' }];
    const bytes = encodeBaseFile({ uai: '0750654D', schoolYearStart: 2022, pronoteVersion: 2022, createdAt: new Date(0), lastEntryAt: entries[0]!.at, entries });
    expect(inspectBaseFileHeader(bytes).announcedSize).toBe(bytes.length);
  });
});
