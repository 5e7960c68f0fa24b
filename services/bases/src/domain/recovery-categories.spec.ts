import {
  RECOVERY_CATEGORIES,
  RECOVERY_LEAF_IDS,
  RecoveryErrorCode,
  findRecoveryCategory,
  selectAllRecoveryCategories,
  validateRecoverySelection,
} from './recovery-categories.js';

describe('recovery categories (Fiche 7)', () => {
  it('has the seed’s labels, order and nesting', () => {
    const outline = RECOVERY_CATEGORIES.map((category) =>
      category.children.length > 0 ? [category.label, category.children.map((child) => child.label)] : category.label,
    );
    expect(outline).toEqual([
      ['Autorisations', ['Personnels', 'Professeurs']],
      'Bulletin',
      'Communications',
      'Compétences',
      'Demandes de travaux',
      'Documents des casiers numériques',
      'Éléments du programme',
      'E-mails',
      ['Établissement', ['Certificats Netsynchro', 'En-têtes', 'Identité']],
      'Exonérations',
      "Formats d'import et d'export",
      ['Identifiants et mots de passe de PRONOTE', ['Identifiants Ws-Federation', 'Identifiants ENT/CAS']],
      'Inspecteurs pédagogiques',
      'Liste des aliments',
      "Modèles d'alertes PPMS",
      'Notations',
      'Orientations',
      'Parcours éducatifs des élèves',
      'Photos',
      'Portails e-sidoc',
      'Progressions',
    ]);
  });

  it('keeps its ids (stored selections refer to them)', () => {
    expect(RECOVERY_LEAF_IDS).toEqual([
      'autorisations.personnels',
      'autorisations.professeurs',
      'bulletin',
      'communications',
      'competences',
      'demandes-de-travaux',
      'documents-casiers-numeriques',
      'elements-du-programme',
      'e-mails',
      'etablissement.certificats-netsynchro',
      'etablissement.en-tetes',
      'etablissement.identite',
      'exonerations',
      'formats-import-export',
      'identifiants.ws-federation',
      'identifiants.ent-cas',
      'inspecteurs-pedagogiques',
      'liste-des-aliments',
      'modeles-alertes-ppms',
      'notations',
      'orientations',
      'parcours-educatifs',
      'photos',
      'portails-e-sidoc',
      'progressions',
    ]);
    expect(findRecoveryCategory('etablissement')?.label).toBe('Établissement');
    expect(findRecoveryCategory('utilisateurs')).toBeUndefined();
  });

  it('selects everything ("Cocher toutes les données")', () => {
    expect(selectAllRecoveryCategories()).toEqual(RECOVERY_LEAF_IDS);
    expect(validateRecoverySelection(RECOVERY_CATEGORIES.map((category) => category.id))).toEqual(RECOVERY_LEAF_IDS);
  });
});

describe('validating a selection', () => {
  it('expands groups, drops duplicates and puts the dialog’s order back', () => {
    expect(validateRecoverySelection(['progressions', 'autorisations', 'bulletin', 'autorisations.professeurs', 'bulletin'])).toEqual([
      'autorisations.personnels',
      'autorisations.professeurs',
      'bulletin',
      'progressions',
    ]);
    expect(validateRecoverySelection(['etablissement.identite'])).toEqual(['etablissement.identite']);
  });

  it('refuses unknown ids, listing them', () => {
    expect(() => validateRecoverySelection(['bulletin', 'utilisateurs', 'Bulletin', 'utilisateurs'])).toThrow(
      expect.objectContaining({
        code: RecoveryErrorCode.RECOVERY_CATEGORY_UNKNOWN,
        message: 'categories: unknown data categories "utilisateurs", "Bulletin"',
        details: expect.objectContaining({ unknownIds: ['utilisateurs', 'Bulletin'] }),
      }),
    );
  });

  it.each([[null], ['bulletin'], [[1]], [{ bulletin: true }]])('refuses %j as not a list of ids', (selection) => {
    expect(() => validateRecoverySelection(selection)).toThrow(expect.objectContaining({ code: RecoveryErrorCode.RECOVERY_SELECTION_INVALID }));
  });

  it('refuses an empty selection', () => {
    expect(() => validateRecoverySelection([])).toThrow(expect.objectContaining({ code: RecoveryErrorCode.RECOVERY_SELECTION_EMPTY }));
  });
});
