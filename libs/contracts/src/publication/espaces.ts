import { z } from 'zod';

/**
 * The PRONOTE.net pages a school publishes (seed, Fiche 10 "Adresses de connexion des internautes").
 * Wider than the runtime's `espaceSchema`: the page commune, the établissement page and
 * inscriptions have no connected users of their own.
 */
export const publicationEspaceSchema = z.enum([
  'page_commune', 'etablissement', 'direction', 'professeurs', 'vie_scolaire', 'parents',
  'accompagnants', 'eleves', 'entreprise', 'academie', 'inscriptions',
]);
export type PublicationEspace = z.infer<typeof publicationEspaceSchema>;

/** "Choix de la délégation en fonction de l'espace": Cas / Ws-Federation / EduConnect / Aucune. */
export const espaceDelegationSchema = z.enum(['cas', 'ws_federation', 'educonnect', 'none']);
export type EspaceDelegation = z.infer<typeof espaceDelegationSchema>;

export const espaceViewSchema = z.object({
  espace: publicationEspaceSchema,
  /** "Espace Parents" */
  label: z.string(),
  /** Numeric id used by clients (Élèves 6, Parents 7...), null for pages without one. */
  numericId: z.number().int().nullable(),
  published: z.boolean(),
  url: z.url(),
  mobileUrl: z.url(),
  delegation: espaceDelegationSchema,
  /** The CAS delegation used when `delegation` is `cas`. */
  casDelegationId: z.uuid().nullable(),
});
export type EspaceView = z.infer<typeof espaceViewSchema>;
