import { BASE_STATISTIC_KEYS, type PreparationFile, type RecoveryReport } from '@pronote/contracts';
import { findRecoveryCategory, RECOVERY_LEAF_IDS } from './recovery-categories.js';

/**
 * What a base holds for each recovery category (Fiche 7). The simulated .HNOT v1 keeps 18 counters,
 * not PRONOTE's records: a category backed by a counter recovers that many items (notes for
 * "Notations", évaluations for "Compétences"…); a settings category (identité, en-têtes, formats…)
 * is one set of parameters. Documented stand-in, like the base format itself.
 */

type StatisticKey = (typeof BASE_STATISTIC_KEYS)[number];
const SETTINGS = 'settings' as const;

const CATEGORY_SOURCE: Readonly<Record<string, StatisticKey | typeof SETTINGS>> = {
  'autorisations.personnels': SETTINGS,
  'autorisations.professeurs': 'professeurs',
  bulletin: 'appreciations',
  communications: SETTINGS,
  competences: 'evaluations',
  'demandes-de-travaux': SETTINGS,
  'documents-casiers-numeriques': 'docJoints',
  'elements-du-programme': 'cahiersDeTextes',
  'e-mails': SETTINGS,
  'etablissement.certificats-netsynchro': SETTINGS,
  'etablissement.en-tetes': SETTINGS,
  'etablissement.identite': SETTINGS,
  exonerations: SETTINGS,
  'formats-import-export': SETTINGS,
  'identifiants.ws-federation': SETTINGS,
  'identifiants.ent-cas': SETTINGS,
  'inspecteurs-pedagogiques': SETTINGS,
  'liste-des-aliments': SETTINGS,
  'modeles-alertes-ppms': SETTINGS,
  notations: 'notes',
  orientations: 'orientations',
  'parcours-educatifs': 'suivis',
  photos: 'eleves',
  'portails-e-sidoc': SETTINGS,
  progressions: 'cahiersDeTextes',
};

const STATISTICS_OFFSET = 44;

/** The 18 counters of a .HNOT v1 header (already checked by inspectBaseFileHeader). */
export function readBaseStatistics(header: Buffer): Record<StatisticKey, number> {
  return Object.fromEntries(BASE_STATISTIC_KEYS.map((key, index) => [key, header.readUInt32BE(STATISTICS_OFFSET + index * 4)])) as Record<StatisticKey, number>;
}

/** Items per category that a base with these counters holds: the `data` of its preparation file. */
export function preparationData(statistics: Record<StatisticKey, number>): PreparationFile['data'] {
  return Object.fromEntries(
    RECOVERY_LEAF_IDS.map((id) => {
      const source = CATEGORY_SOURCE[id]!;
      return [id, { items: source === SETTINGS ? 1 : statistics[source] }];
    }),
  );
}

/** The report of a recovery: the chosen categories (validated leaf ids), what the source held for each. */
export function recoveryReport(categories: readonly string[], data: PreparationFile['data'], from: RecoveryReport['from']): RecoveryReport {
  const taken = categories.map((id) => ({
    id,
    label: findRecoveryCategory(id)!.label,
    kind: CATEGORY_SOURCE[id] === SETTINGS ? ('settings' as const) : ('records' as const),
    items: data[id]?.items ?? 0,
  }));
  return { from, categories: taken, totalItems: taken.reduce((sum, category) => sum + category.items, 0) };
}
