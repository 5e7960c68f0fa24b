import { z } from 'zod';

/** The statistics of a base (seed, Fiche 9), as the runtime reports them and backups record them. */
export const BASE_STATISTIC_KEYS = [
  'professeurs', 'classes', 'matieres', 'groupes', 'eleves', 'salles',
  'devoirs', 'notes', 'cahiersDeTextes', 'docJoints', 'appreciations', 'evaluations', 'orientations',
  'sanctions', 'punitions', 'absences', 'retards', 'suivis',
] as const;

export const baseStatisticsSchema = z.object(
  Object.fromEntries(BASE_STATISTIC_KEYS.map((key) => [key, z.number().int().min(0)])) as Record<
    (typeof BASE_STATISTIC_KEYS)[number],
    z.ZodNumber
  >,
);
export type BaseStatisticsView = z.infer<typeof baseStatisticsSchema>;
