import type { PublicationEspace } from '@pronote/contracts';

export interface EspaceDefinition {
  espace: PublicationEspace;
  label: string;
  /** Page under `/pronote/`; '' is the page commune (index). */
  page: string;
  /** Numeric espace id used by PRONOTE clients (ARCHITECTURE.md, domain facts). */
  numericId: number | null;
  publishedByDefault: boolean;
}

/** The espaces in the console's order (seed, Fiche 10). */
export const ESPACES: readonly EspaceDefinition[] = [
  { espace: 'page_commune', label: 'Page commune', page: '', numericId: null, publishedByDefault: true },
  { espace: 'etablissement', label: 'Page Établissement', page: 'pageetablissement.html', numericId: null, publishedByDefault: true },
  { espace: 'direction', label: 'Espace Direction', page: 'direction.html', numericId: 17, publishedByDefault: true },
  { espace: 'professeurs', label: 'Espace Professeurs', page: 'professeur.html', numericId: 8, publishedByDefault: true },
  { espace: 'vie_scolaire', label: 'Espace Vie scolaire', page: 'viescolaire.html', numericId: 14, publishedByDefault: true },
  { espace: 'parents', label: 'Espace Parents', page: 'parent.html', numericId: 7, publishedByDefault: true },
  { espace: 'accompagnants', label: 'Espace Accompagnants', page: 'accompagnant.html', numericId: 26, publishedByDefault: true },
  { espace: 'eleves', label: 'Espace Élèves', page: 'eleve.html', numericId: 6, publishedByDefault: true },
  { espace: 'entreprise', label: 'Espace Entreprise', page: 'entreprise.html', numericId: null, publishedByDefault: false },
  { espace: 'academie', label: 'Espace Académie', page: 'academie.html', numericId: null, publishedByDefault: false },
  { espace: 'inscriptions', label: 'Espace Inscriptions', page: 'inscription.html', numericId: null, publishedByDefault: false },
];

export function espaceDefinition(espace: PublicationEspace): EspaceDefinition {
  const found = ESPACES.find((definition) => definition.espace === espace);
  if (!found) throw new Error(`unknown espace ${espace}`);
  return found;
}

/** Public pages that are always reachable without a delegation. */
export const PUBLIC_ESPACES: ReadonlySet<PublicationEspace> = new Set(['page_commune', 'etablissement']);

/** What an EDT transfer publishes (Fiche 6): the public pages plus the espaces chosen there. */
export function espacesPublishedAfterEdt(chosen: readonly string[]): Set<PublicationEspace> {
  return new Set([...PUBLIC_ESPACES, ...ESPACES.filter((d) => chosen.includes(d.espace)).map((d) => d.espace)]);
}
