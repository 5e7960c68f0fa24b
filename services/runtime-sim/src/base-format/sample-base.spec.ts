import { DomainError } from '@pronote/contracts';
import { BaseFormatErrorCode } from './base-content.js';
import { decodeBase, encodeBase } from './base-codec.js';
import { SMALLEST_BASE_SIZE, emptyBase, sampleBase } from './sample-base.js';
import { SEED_SAMPLE_STATISTICS, zeroStatistics } from './statistics.js';

describe('emptyBase', () => {
  it('is a base with no data and nothing typed, for the version of its school year', () => {
    expect(emptyBase({ uai: '0750654D', schoolYear: '2022-2023', createdAt: '2022-08-20T06:00:00.000Z' })).toEqual({
      uai: '0750654D',
      schoolYear: '2022-2023',
      pronoteVersion: 2022,
      createdAt: '2022-08-20T06:00:00.000Z',
      lastEntryAt: null,
      statistics: zeroStatistics(),
      entries: [],
    });
  });

  it('takes an explicit version (a base loaded into a newer PRONOTE)', () => {
    expect(emptyBase({ uai: '0750654D', schoolYear: '2021-2022', pronoteVersion: 2022, createdAt: '2022-08-20T06:00:00.000Z' }).pronoteVersion).toBe(2022);
  });

  it('refuses what could not be written', () => {
    expect(() => emptyBase({ uai: '0750654E', schoolYear: '2022-2023', createdAt: '2022-08-20T06:00:00.000Z' })).toThrow(
      expect.objectContaining({ code: BaseFormatErrorCode.BASE_CONTENT_INVALID }),
    );
    expect(() => emptyBase({ uai: '0750654D', schoolYear: '2022', createdAt: '2022-08-20T06:00:00.000Z' })).toThrow(/schoolYear/);
  });
});

describe('sampleBase', () => {
  it('weighs exactly the 436 KB of the seed’s backups and carries the seed’s statistics', () => {
    const sample = sampleBase(436 * 1024);
    expect(encodeBase(sample).length).toBe(436 * 1024);
    expect(sample.statistics).toEqual(SEED_SAMPLE_STATISTICS);
    expect(sample.lastEntryAt).toBe(sample.entries.at(-1)!.at);
    expect(sample.entries.length).toBeGreaterThan(1000);
    expect(decodeBase(encodeBase(sample))).toEqual(sample);
  });

  it('hits any reachable size exactly', () => {
    const sizes = [SMALLEST_BASE_SIZE, SMALLEST_BASE_SIZE + 16, ...Array.from({ length: 300 }, (_, i) => SMALLEST_BASE_SIZE + 16 + 7 * i), 100_003];
    for (const size of sizes) {
      expect([size, encodeBase(sampleBase(size, { seed: size })).length]).toEqual([size, size]);
    }
  });

  it('has no entries at the smallest size', () => {
    const smallest = sampleBase(SMALLEST_BASE_SIZE);
    expect(smallest.entries).toEqual([]);
    expect(smallest.lastEntryAt).toBeNull();
  });

  it('refuses sizes no base can have', () => {
    for (const size of [0, SMALLEST_BASE_SIZE - 1, SMALLEST_BASE_SIZE + 1, SMALLEST_BASE_SIZE + 15, 1000.5]) {
      let code: string | undefined;
      try {
        sampleBase(size);
      } catch (error) {
        code = (error as DomainError).code;
      }
      expect([size, code]).toEqual([size, BaseFormatErrorCode.BASE_CONTENT_INVALID]);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(sampleBase(20_000, { seed: 7 })).toEqual(sampleBase(20_000, { seed: 7 }));
    expect(sampleBase(20_000, { seed: 7 })).not.toEqual(sampleBase(20_000, { seed: 8 }));
  });

  it('is made for the school and year asked for', () => {
    const sample = sampleBase(10_000, { uai: '0750653C', schoolYear: '2021-2022', createdAt: '2021-09-02T06:00:00.000Z' });
    expect(sample).toMatchObject({ uai: '0750653C', schoolYear: '2021-2022', pronoteVersion: 2021 });
    expect(sample.entries.every((entry) => entry.at >= '2021-09-02T06:00:00.000Z')).toBe(true);
  });
});
