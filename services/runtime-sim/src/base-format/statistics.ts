/**
 * The statistics the console shows for a base, a backup or an archive (seed, Fiche 9), grouped as
 * there. The order of `BASE_STATISTIC_KEYS` (in @pronote/contracts) is the order in the file format:
 * never reorder, only append (with a new format version).
 */
import { BASE_STATISTIC_KEYS } from '@pronote/contracts';

/** One list for the file format, the protocol and the console: the contracts' (same order). */
export { BASE_STATISTIC_KEYS };
export type BaseStatisticKey = (typeof BASE_STATISTIC_KEYS)[number];
export type BaseStatistics = Record<BaseStatisticKey, number>;

/** Plural labels as the console prints them after the number ("1183 élèves"). */
export const BASE_STATISTIC_LABELS: Readonly<Record<BaseStatisticKey, string>> = {
  professeurs: 'professeurs',
  classes: 'classes',
  matieres: 'matières',
  groupes: 'groupes',
  eleves: 'élèves',
  salles: 'salles',
  devoirs: 'devoirs',
  notes: 'notes',
  cahiersDeTextes: 'cahiers de textes',
  docJoints: 'doc. joints',
  appreciations: 'appréciations',
  evaluations: 'évaluations',
  orientations: 'orientations',
  sanctions: 'sanctions',
  punitions: 'punitions',
  absences: 'absences',
  retards: 'retards',
  suivis: 'suivis',
};

export const BASE_STATISTIC_GROUPS: ReadonlyArray<{ readonly label: string; readonly keys: readonly BaseStatisticKey[] }> = [
  { label: 'Ressources', keys: ['professeurs', 'classes', 'matieres', 'groupes', 'eleves', 'salles'] },
  {
    label: 'Scolarité',
    keys: ['devoirs', 'notes', 'cahiersDeTextes', 'docJoints', 'appreciations', 'evaluations', 'orientations'],
  },
  { label: 'Vie scolaire', keys: ['sanctions', 'punitions', 'absences', 'retards', 'suivis'] },
];

/** Counters are stored as unsigned 32-bit integers. */
export const MAX_STATISTIC_VALUE = 0xffff_ffff;

export function zeroStatistics(): BaseStatistics {
  return Object.fromEntries(BASE_STATISTIC_KEYS.map((key) => [key, 0])) as BaseStatistics;
}

export function isBaseStatisticKey(value: unknown): value is BaseStatisticKey {
  return typeof value === 'string' && (BASE_STATISTIC_KEYS as readonly string[]).includes(value);
}

/** The base of the seed's console screenshot (Fiche 9), a mid-sized collège. */
export const SEED_SAMPLE_STATISTICS: BaseStatistics = {
  professeurs: 107,
  classes: 55,
  matieres: 111,
  groupes: 136,
  eleves: 1183,
  salles: 42,
  devoirs: 1520,
  notes: 23963,
  cahiersDeTextes: 5950,
  docJoints: 1239,
  appreciations: 7670,
  evaluations: 31,
  orientations: 0,
  sanctions: 2,
  punitions: 63,
  absences: 5138,
  retards: 935,
  suivis: 6984,
};
