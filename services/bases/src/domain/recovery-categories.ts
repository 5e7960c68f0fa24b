import { DomainError } from '@pronote/contracts';

/**
 * The data that can be recovered from last year's base into the new one (seed, Fiche 7, dialog
 * "Récupérer les données d'une base PRONOTE"), with the seed's labels, order and nesting.
 * Ids are ours and stable: never rename one, stored selections and messages refer to them.
 * Users are not a category: the seed recovers them with "Récupérer les utilisateurs" (.profils).
 */

export const RecoveryErrorCode = {
  RECOVERY_SELECTION_INVALID: 'RECOVERY_SELECTION_INVALID',
  RECOVERY_SELECTION_EMPTY: 'RECOVERY_SELECTION_EMPTY',
  RECOVERY_CATEGORY_UNKNOWN: 'RECOVERY_CATEGORY_UNKNOWN',
} as const;

export interface RecoveryCategory {
  readonly id: string;
  readonly label: string;
  readonly children: readonly RecoveryCategory[];
}

const leaf = (id: string, label: string): RecoveryCategory => ({ id, label, children: [] });
const group = (id: string, label: string, children: RecoveryCategory[]): RecoveryCategory => ({ id, label, children });

export const RECOVERY_CATEGORIES: readonly RecoveryCategory[] = [
  group('autorisations', 'Autorisations', [
    leaf('autorisations.personnels', 'Personnels'),
    leaf('autorisations.professeurs', 'Professeurs'),
  ]),
  leaf('bulletin', 'Bulletin'),
  leaf('communications', 'Communications'),
  leaf('competences', 'Compétences'),
  leaf('demandes-de-travaux', 'Demandes de travaux'),
  leaf('documents-casiers-numeriques', 'Documents des casiers numériques'),
  leaf('elements-du-programme', 'Éléments du programme'),
  leaf('e-mails', 'E-mails'),
  group('etablissement', 'Établissement', [
    leaf('etablissement.certificats-netsynchro', 'Certificats Netsynchro'),
    leaf('etablissement.en-tetes', 'En-têtes'),
    leaf('etablissement.identite', 'Identité'),
  ]),
  leaf('exonerations', 'Exonérations'),
  leaf('formats-import-export', "Formats d'import et d'export"),
  group('identifiants', 'Identifiants et mots de passe de PRONOTE', [
    leaf('identifiants.ws-federation', 'Identifiants Ws-Federation'),
    leaf('identifiants.ent-cas', 'Identifiants ENT/CAS'),
  ]),
  leaf('inspecteurs-pedagogiques', 'Inspecteurs pédagogiques'),
  leaf('liste-des-aliments', 'Liste des aliments'),
  leaf('modeles-alertes-ppms', "Modèles d'alertes PPMS"),
  leaf('notations', 'Notations'),
  leaf('orientations', 'Orientations'),
  leaf('parcours-educatifs', 'Parcours éducatifs des élèves'),
  leaf('photos', 'Photos'),
  leaf('portails-e-sidoc', 'Portails e-sidoc'),
  leaf('progressions', 'Progressions'),
];

const allCategories = RECOVERY_CATEGORIES.flatMap((category) => [category, ...category.children]);
const categoriesById = new Map(allCategories.map((category) => [category.id, category]));

/** The selectable items, i.e. the categories without children, in the dialog's order. */
export const RECOVERY_LEAF_IDS: readonly string[] = allCategories
  .filter((category) => category.children.length === 0)
  .map((category) => category.id);

export function findRecoveryCategory(id: string): RecoveryCategory | undefined {
  return categoriesById.get(id);
}

/** "Cocher toutes les données". */
export function selectAllRecoveryCategories(): string[] {
  return [...RECOVERY_LEAF_IDS];
}

/**
 * Checks a chosen subset and normalises it as the dialog's tree does: a group stands for all its
 * sub-items; the result is the selected leaf ids, without duplicates, in the dialog's order.
 */
export function validateRecoverySelection(selection: unknown): string[] {
  if (!Array.isArray(selection) || !selection.every((id): id is string => typeof id === 'string')) {
    throw new DomainError(RecoveryErrorCode.RECOVERY_SELECTION_INVALID, 'categories: a list of category ids is expected', {
      field: 'categories',
    });
  }
  const unknownIds = [...new Set(selection.filter((id) => !categoriesById.has(id)))];
  if (unknownIds.length > 0) {
    throw new DomainError(
      RecoveryErrorCode.RECOVERY_CATEGORY_UNKNOWN,
      `categories: unknown data categor${unknownIds.length > 1 ? 'ies' : 'y'} ${unknownIds.map((id) => `"${id}"`).join(', ')}`,
      { field: 'categories', unknownIds, knownIds: [...categoriesById.keys()] },
    );
  }
  const chosen = new Set(
    selection.flatMap((id) => {
      const category = categoriesById.get(id)!;
      return category.children.length > 0 ? category.children.map((child) => child.id) : [id];
    }),
  );
  if (chosen.size === 0) {
    throw new DomainError(RecoveryErrorCode.RECOVERY_SELECTION_EMPTY, 'categories: choose at least one kind of data to recover', {
      field: 'categories',
    });
  }
  return RECOVERY_LEAF_IDS.filter((id) => chosen.has(id));
}
