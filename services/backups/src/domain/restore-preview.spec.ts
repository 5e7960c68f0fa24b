import { SEED_SAMPLE_STATISTICS } from '@pronote/contracts';
import { BackupsErrorCode } from './errors.js';
import { BASE_STATISTIC_KEYS, formatStatistic, previewRestore, type BaseStatistics } from './restore-preview.js';

/** The seed's base (Fiche 9), "Dernière saisie le 23/06/22 04:20". */
const seedStatistics: BaseStatistics = SEED_SAMPLE_STATISTICS;
const seedState = { statistics: seedStatistics, lastEntryAt: new Date('2022-06-23T02:20:00Z') };

describe('previewRestore', () => {
  it('lists what a restore to an older backup drops, and the entries lost', () => {
    const live = {
      statistics: { ...seedStatistics, notes: 24010, absences: 5150, sanctions: 1 },
      lastEntryAt: new Date('2022-06-23T09:45:00Z'),
    };
    const preview = previewRestore(live, seedState);
    expect(preview.changes.map(({ key, difference }) => [key, difference])).toEqual([
      ['notes', -47],
      ['sanctions', 1],
      ['absences', -12],
    ]);
    expect(preview.dropped.map(({ key }) => key)).toEqual(['notes', 'absences']);
    expect(preview.dropped[0]).toMatchObject({ liveText: '24010 notes', restoredText: '23963 notes' });
    expect(preview.lostEntries).toEqual({ after: seedState.lastEntryAt, upTo: live.lastEntryAt });
    expect(preview.identical).toBe(false);
  });

  it('groups every statistic as the seed panel does', () => {
    const preview = previewRestore(seedState, seedState);
    expect(preview.groups.map(({ label, rows }) => [label, rows.map((row) => row.restoredText)])).toEqual([
      ['Ressources', ['107 professeurs', '55 classes', '111 matières', '136 groupes', '1183 élèves', '42 salles']],
      [
        'Scolarité',
        ['1520 devoirs', '23963 notes', '5950 cahiers de textes', '1239 doc. joints', '7670 appréciations', '31 évaluations', '0 orientations'],
      ],
      ['Vie scolaire', ['2 sanctions', '63 punitions', '5138 absences', '935 retards', '6984 suivis']],
    ]);
    expect(preview.groups.flatMap(({ rows }) => rows)).toHaveLength(BASE_STATISTIC_KEYS.length);
    expect(preview).toMatchObject({ changes: [], dropped: [], lostEntries: null, identical: true });
  });

  it('reports no lost entry when the live base has nothing newer than the restore point', () => {
    expect(previewRestore({ ...seedState, lastEntryAt: null }, seedState).lostEntries).toBeNull();
    const earlier = { ...seedState, lastEntryAt: new Date('2022-06-22T00:00:00Z') };
    expect(previewRestore(earlier, seedState).lostEntries).toBeNull();
    expect(previewRestore(seedState, { ...seedState, lastEntryAt: null }).lostEntries).toEqual({
      after: null,
      upTo: seedState.lastEntryAt,
    });
  });

  it('refuses missing, negative or unknown statistics', () => {
    const { notes: _notes, ...missing } = seedStatistics;
    for (const bad of [missing, { ...seedStatistics, eleves: -1 }, { ...seedStatistics, bulletins: 3 }]) {
      expect(() => previewRestore({ statistics: bad as BaseStatistics, lastEntryAt: null }, seedState)).toThrow(
        expect.objectContaining({ code: BackupsErrorCode.STATISTICS_INVALID }),
      );
    }
  });

  it('writes counts of one in the singular', () => {
    expect(formatStatistic('eleves', 1)).toBe('1 élève');
    expect(formatStatistic('cahiersDeTextes', 1)).toBe('1 cahier de textes');
    expect(formatStatistic('docJoints', 2)).toBe('2 doc. joints');
  });
});
