import { z } from 'zod';

/**
 * The statistics of a base (seed, Fiche 9), as the runtime reports them, backups record them and the
 * console shows them. The order is the console's and the simulator's file format: never reorder.
 */
export const BASE_STATISTIC_KEYS = [
  'professeurs', 'classes', 'matieres', 'groupes', 'eleves', 'salles',
  'devoirs', 'notes', 'cahiersDeTextes', 'docJoints', 'appreciations', 'evaluations', 'orientations',
  'sanctions', 'punitions', 'absences', 'retards', 'suivis',
] as const;
export type BaseStatisticKey = (typeof BASE_STATISTIC_KEYS)[number];

export type BaseStatisticGroup = 'ressources' | 'scolarite' | 'vie_scolaire';

/** The three blocks of the console's panel, with their French titles. */
export const BASE_STATISTIC_GROUP_LABELS: Readonly<Record<BaseStatisticGroup, string>> = {
  ressources: 'Ressources',
  scolarite: 'Scolarité',
  vie_scolaire: 'Vie scolaire',
};

/** Each statistic's block and its French names ("1 élève", "1183 élèves"). */
export const BASE_STATISTICS: Readonly<
  Record<BaseStatisticKey, { readonly group: BaseStatisticGroup; readonly singular: string; readonly plural: string }>
> = {
  professeurs: { group: 'ressources', singular: 'professeur', plural: 'professeurs' },
  classes: { group: 'ressources', singular: 'classe', plural: 'classes' },
  matieres: { group: 'ressources', singular: 'matière', plural: 'matières' },
  groupes: { group: 'ressources', singular: 'groupe', plural: 'groupes' },
  eleves: { group: 'ressources', singular: 'élève', plural: 'élèves' },
  salles: { group: 'ressources', singular: 'salle', plural: 'salles' },
  devoirs: { group: 'scolarite', singular: 'devoir', plural: 'devoirs' },
  notes: { group: 'scolarite', singular: 'note', plural: 'notes' },
  cahiersDeTextes: { group: 'scolarite', singular: 'cahier de textes', plural: 'cahiers de textes' },
  docJoints: { group: 'scolarite', singular: 'doc. joint', plural: 'doc. joints' },
  appreciations: { group: 'scolarite', singular: 'appréciation', plural: 'appréciations' },
  evaluations: { group: 'scolarite', singular: 'évaluation', plural: 'évaluations' },
  orientations: { group: 'scolarite', singular: 'orientation', plural: 'orientations' },
  sanctions: { group: 'vie_scolaire', singular: 'sanction', plural: 'sanctions' },
  punitions: { group: 'vie_scolaire', singular: 'punition', plural: 'punitions' },
  absences: { group: 'vie_scolaire', singular: 'absence', plural: 'absences' },
  retards: { group: 'vie_scolaire', singular: 'retard', plural: 'retards' },
  suivis: { group: 'vie_scolaire', singular: 'suivi', plural: 'suivis' },
};

/** The base of the seed's console screenshot (Fiche 9), a mid-sized collège. */
export const SEED_SAMPLE_STATISTICS: Readonly<Record<BaseStatisticKey, number>> = {
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

export const baseStatisticsSchema = z.object(
  Object.fromEntries(BASE_STATISTIC_KEYS.map((key) => [key, z.number().int().min(0)])) as Record<BaseStatisticKey, z.ZodNumber>,
);
export type BaseStatisticsView = z.infer<typeof baseStatisticsSchema>;
