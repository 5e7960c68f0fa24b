import { z } from 'zod';
import { actorSchema } from '../bases/base-lifecycle.js';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { espaceDelegationSchema, publicationEspaceSchema } from './espaces.js';

export const DelegationErrorCode = {
  /** Seed: "Arrêtez la publication de la base et définissez une délégation CAS." */
  DELEGATION_PUBLISHED_CONFLICT: 'DELEGATION_PUBLISHED_CONFLICT',
  DELEGATION_NOT_FOUND: 'DELEGATION_NOT_FOUND',
  DELEGATION_NAME_ALREADY_USED: 'DELEGATION_NAME_ALREADY_USED',
  DELEGATION_URL_INVALID: 'DELEGATION_URL_INVALID',
  /** An espace still uses it: choose another delegation for the espace first. */
  DELEGATION_IN_USE_CONFLICT: 'DELEGATION_IN_USE_CONFLICT',
  ENT_PRESET_NOT_FOUND: 'ENT_PRESET_NOT_FOUND',
  ESPACE_DELEGATION_INACTIVE: 'ESPACE_DELEGATION_INACTIVE',
  ESPACE_DELEGATION_NOT_ALLOWED: 'ESPACE_DELEGATION_NOT_ALLOWED',
} as const;

/**
 * "Gestion des délégations": the three protocols (one each, fixed names) and the named
 * delegations the manager defines (CAS ones, WS-Federation ones such as "ADFS").
 */
export const delegationKindSchema = z.enum(['cas_protocol', 'educonnect_protocol', 'ws_federation_protocol', 'cas', 'ws_federation']);
export type DelegationKind = z.infer<typeof delegationKindSchema>;

/** `cas2` = /serviceValidate, `cas3` = /p3/serviceValidate, `saml11` = /samlValidate?TARGET= */
export const casValidationProtocolSchema = z.enum(['cas2', 'cas3', 'saml11']);
export type CasValidationProtocol = z.infer<typeof casValidationProtocolSchema>;

const httpsUrl = z.url({ protocol: /^https$/, message: 'an https URL' }).max(500);

export const entPresetSchema = z.object({
  id: z.string(),
  /** "Atrium (Région Sud Provence-Alpes-Côte d'Azur)" */
  label: z.string(),
  loginUrl: httpsUrl,
  validationUrl: httpsUrl,
  validationProtocol: casValidationProtocolSchema,
});
export type EntPreset = z.infer<typeof entPresetSchema>;

export const casSettingsViewSchema = z.object({
  presetId: z.string().nullable(),
  loginUrl: z.url(),
  validationUrl: z.url(),
  validationProtocol: casValidationProtocolSchema,
  /** "Autoriser l'authentification directe par PRONOTE.net" */
  allowDirectLogin: z.boolean(),
  /** What the console prints for the page commune. */
  links: z.object({
    /** "Lien d'authentification": login URL with `service=<espace URL>` URL-encoded. */
    authentication: z.url(),
    /** "Lien de validation": validation URL with `TARGET=` (saml11) or `service=`. */
    validation: z.url(),
    /** "URL à communiquer au socle ENT" */
    entSocle: z.url(),
    /** "URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe" (`?login=true`). */
    directLogin: z.url().nullable(),
  }),
});

export const delegationViewSchema = z.object({
  id: z.uuid(),
  kind: delegationKindSchema,
  /** "Protocole Cas", "CAS", "ADFS"... */
  name: z.string(),
  active: z.boolean(),
  cas: casSettingsViewSchema.nullable(),
  /** WS-Federation: the identity provider's federation metadata URL. */
  metadataUrl: z.url().nullable(),
});
export type DelegationView = z.infer<typeof delegationViewSchema>;

export const espaceDelegationChoiceSchema = z.strictObject({
  espace: publicationEspaceSchema,
  delegation: espaceDelegationSchema,
  /** Which CAS delegation, when several are defined; defaults to the only active one. */
  casDelegationId: z.uuid().optional(),
});

export const delegationsPaneSchema = z.object({
  uai: uaiSchema,
  /** Changes are refused while true. */
  published: z.boolean(),
  delegations: z.array(delegationViewSchema),
  espaces: z.array(
    z.object({ espace: publicationEspaceSchema, label: z.string(), delegation: espaceDelegationSchema, casDelegationId: z.uuid().nullable() }),
  ),
});
export type DelegationsPane = z.infer<typeof delegationsPaneSchema>;

const delegationName = z.string().trim().min(1).max(60);

export const GetDelegations = defineCommand('publication.delegations.get', 1, z.strictObject({ uai: uaiSchema }), delegationsPaneSchema);

export const ListEntPresets = defineCommand('publication.ent_presets.list', 1, z.strictObject({}), z.object({ presets: z.array(entPresetSchema) }));

/** "Définir une délégation CAS": an ENT preset, or the manual URLs (they may differ). */
export const defineCasDelegationRequestSchema = z.union([
  z.strictObject({ name: delegationName, presetId: z.string().min(1).max(60), allowDirectLogin: z.boolean().default(false) }),
  z.strictObject({
    name: delegationName,
    loginUrl: httpsUrl,
    /** Defaults to the login URL's CAS root. */
    validationUrl: httpsUrl.optional(),
    validationProtocol: casValidationProtocolSchema.default('cas2'),
    allowDirectLogin: z.boolean().default(false),
  }),
]);
export type DefineCasDelegationRequest = z.infer<typeof defineCasDelegationRequestSchema>;

export const DefineCasDelegation = defineCommand(
  'publication.delegations.define_cas',
  1,
  z.strictObject({ uai: uaiSchema, actor: actorSchema, delegationId: z.uuid().optional(), settings: defineCasDelegationRequestSchema }),
  delegationViewSchema,
);

export const defineWsFederationRequestSchema = z.strictObject({ name: delegationName, metadataUrl: httpsUrl });
export const DefineWsFederationDelegation = defineCommand(
  'publication.delegations.define_ws_federation',
  1,
  defineWsFederationRequestSchema.extend({ uai: uaiSchema, actor: actorSchema, delegationId: z.uuid().optional() }),
  delegationViewSchema,
);

export const setDelegationActiveRequestSchema = z.strictObject({ active: z.boolean() });
export const SetDelegationActive = defineCommand(
  'publication.delegations.set_active',
  1,
  setDelegationActiveRequestSchema.extend({ uai: uaiSchema, actor: actorSchema, delegationId: z.uuid() }),
  delegationViewSchema,
);

/** "Choix de la délégation en fonction de l'espace": all choices checked, then applied together. */
export const setEspaceDelegationsRequestSchema = z.strictObject({ choices: z.array(espaceDelegationChoiceSchema).min(1).max(publicationEspaceSchema.options.length) });
export const SetEspaceDelegations = defineCommand(
  'publication.delegations.set_espaces',
  1,
  setEspaceDelegationsRequestSchema.extend({ uai: uaiSchema, actor: actorSchema }),
  delegationsPaneSchema,
);
