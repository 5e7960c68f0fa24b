import { BASE_STATISTIC_GROUPS, BASE_STATISTIC_KEYS, BASE_STATISTIC_LABELS, SEED_SAMPLE_STATISTICS, isBaseStatisticKey } from './statistics.js';

describe('base statistics (Fiche 9)', () => {
  it('groups every counter exactly once, as the console does', () => {
    expect(BASE_STATISTIC_GROUPS.map((group) => group.label)).toEqual(['Ressources', 'Scolarité', 'Vie scolaire']);
    expect(BASE_STATISTIC_GROUPS.flatMap((group) => group.keys)).toEqual([...BASE_STATISTIC_KEYS]);
  });

  it('prints the seed’s backup details', () => {
    const lines = BASE_STATISTIC_GROUPS.map(
      (group) => `${group.label} : ${group.keys.map((key) => `${SEED_SAMPLE_STATISTICS[key]} ${BASE_STATISTIC_LABELS[key]}`).join(', ')}`,
    );
    expect(lines).toEqual([
      'Ressources : 107 professeurs, 55 classes, 111 matières, 136 groupes, 1183 élèves, 42 salles',
      'Scolarité : 1520 devoirs, 23963 notes, 5950 cahiers de textes, 1239 doc. joints, 7670 appréciations, 31 évaluations, 0 orientations',
      'Vie scolaire : 2 sanctions, 63 punitions, 5138 absences, 935 retards, 6984 suivis',
    ]);
  });

  it('recognises its keys only', () => {
    expect(isBaseStatisticKey('docJoints')).toBe(true);
    expect(isBaseStatisticKey('licences')).toBe(false);
    expect(isBaseStatisticKey(3)).toBe(false);
  });
});
