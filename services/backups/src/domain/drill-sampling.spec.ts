import { pickDrillSample, type DrillCandidate } from './drill-sampling.js';
import { BackupsErrorCode } from './errors.js';

const day = (n: number): Date => new Date(Date.UTC(2022, 5, n, 10));
const candidate = (id: string, uai: string, completedDay: number, verifiedDay: number | null): DrillCandidate => ({
  id,
  uai,
  kind: id.startsWith('a') ? 'archive' : 'backup',
  completedAt: day(completedDay),
  lastVerifiedAt: verifiedDay === null ? null : day(verifiedDay),
});

describe('pickDrillSample', () => {
  it('takes never-verified items first, then the least recently verified', () => {
    const sample = pickDrillSample(
      [candidate('b1', 'A', 10, 5), candidate('b2', 'B', 10, null), candidate('b3', 'C', 10, 2), candidate('b4', 'D', 10, 8)],
      { maxPerRun: 3, maxPerSchool: 1 },
    );
    expect(sample.map(({ id }) => id)).toEqual(['b2', 'b3', 'b1']);
  });

  it('prefers the newest of equally unverified items (the one a school would restore)', () => {
    const sample = pickDrillSample([candidate('old', 'A', 1, null), candidate('new', 'A', 9, null)], {
      maxPerRun: 1,
      maxPerSchool: 1,
    });
    expect(sample.map(({ id }) => id)).toEqual(['new']);
  });

  it('spreads a run over schools before taking a second item from any of them', () => {
    const candidates = [
      ...['b1', 'b2', 'b3', 'b4', 'a1'].map((id, index) => candidate(`A-${id}`, 'A', 10 + index, null)),
      candidate('B-b1', 'B', 10, 3),
      candidate('C-b1', 'C', 10, 4),
    ];
    const oneEach = pickDrillSample(candidates, { maxPerRun: 10, maxPerSchool: 1 });
    expect(oneEach.map(({ uai }) => uai)).toEqual(['A', 'B', 'C']);

    const twoEach = pickDrillSample(candidates, { maxPerRun: 5, maxPerSchool: 3 });
    expect(twoEach.map(({ id }) => id)).toEqual(['A-a1', 'B-b1', 'C-b1', 'A-b4', 'A-b3']);
  });

  it('rotates through every restore point over successive runs', () => {
    let pool = ['A', 'B', 'C'].flatMap((uai) =>
      [1, 2, 3, 4].map((n) => candidate(`${uai}-${n % 2 ? 'b' : 'a'}${n}`, uai, n, null)),
    );
    const drilled: string[] = [];
    for (let run = 1; run <= 4; run += 1) {
      const sample = pickDrillSample(pool, { maxPerRun: 3, maxPerSchool: 1 });
      expect(new Set(sample.map(({ uai }) => uai)).size).toBe(3);
      drilled.push(...sample.map(({ id }) => id));
      const ids = new Set(sample.map(({ id }) => id));
      pool = pool.map((item) => (ids.has(item.id) ? { ...item, lastVerifiedAt: day(20 + run) } : item));
    }
    expect(new Set(drilled).size).toBe(12);
  });

  it('returns nothing for an empty pool or a zero budget, and refuses bad options', () => {
    expect(pickDrillSample([], { maxPerRun: 5, maxPerSchool: 1 })).toEqual([]);
    expect(pickDrillSample([candidate('b1', 'A', 1, null)], { maxPerRun: 0, maxPerSchool: 1 })).toEqual([]);
    expect(() => pickDrillSample([], { maxPerRun: 5, maxPerSchool: 0 })).toThrow(
      expect.objectContaining({ code: BackupsErrorCode.DRILL_SAMPLING_INVALID }),
    );
  });
});
