import {
  GetDelegations,
  GetPublication,
  ListEntPresets,
  defineCasDelegationRequestSchema,
  defineWsFederationRequestSchema,
  delegationViewSchema,
  delegationsPaneSchema,
  publicationEspaceSchema,
  publicationViewSchema,
  setDelegationActiveRequestSchema,
  setEspaceDelegationsRequestSchema,
  setEspacePublishedRequestSchema,
  setPublicationRequestSchema,
} from '@pronote/contracts';
import type { z } from 'zod';

type Json = (schema: z.ZodType) => Record<string, unknown>;
type Problems = (...statuses: number[]) => Record<string, unknown>;

const school = [{ operatorToken: [] }, { clientCertificate: [], consoleSession: [] }];
const uai = { name: 'uai', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{7}[A-Z]$' } };
const espace = { name: 'espace', in: 'path', required: true, schema: { type: 'string', enum: publicationEspaceSchema.options } };
const delegationId = { name: 'delegationId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** The PRONOTE.net pane (Fiche 10) and "Déléguer l'authentification", for the OpenAPI document. */
export function publicationOpenApiPaths(json: Json, problems: Problems): Record<string, unknown> {
  const route = (summary: string, parameters: unknown[], response: z.ZodType, statuses: number[], body?: z.ZodType, status = '200') => ({
    summary,
    security: school,
    parameters,
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: { [status]: { description: 'ok', content: json(response) }, ...problems(...statuses) },
  });
  const change = [400, 401, 404, 409, 422, 503, 504];
  return {
    '/api/v1/schools/{uai}/publication': {
      get: route('"Administration de PRONOTE.net": Base publiée / Non publiée, the base, each espace with its URL and mobile. URL', [uai], GetPublication.response, [400, 401, 503, 504]),
      put: route('"Arrêter la publication" (enabled false) / "Publier la base" (true; 409 PUBLICATION_NO_BASE_IN_SERVICE without a base in service)', [uai], publicationViewSchema, change, setPublicationRequestSchema),
    },
    '/api/v1/schools/{uai}/publication/espaces/{espace}': {
      put: route('"Publier" one espace', [uai, espace], publicationViewSchema, change, setEspacePublishedRequestSchema),
    },
    '/api/v1/schools/{uai}/publication/delegations': {
      get: route('"Gestion des délégations" and the per-espace choice', [uai], GetDelegations.response, [400, 401, 503, 504]),
    },
    '/api/v1/schools/{uai}/publication/ent-presets': {
      get: route('"Mon ENT": the catalogue of ENT CAS presets', [uai], ListEntPresets.response, [400, 401, 503, 504]),
    },
    '/api/v1/schools/{uai}/publication/delegations/cas': {
      post: route('"Définir une délégation CAS" (ENT preset or manual URLs); only while publication is stopped (409 DELEGATION_PUBLISHED_CONFLICT)', [uai], delegationViewSchema, change, defineCasDelegationRequestSchema, '201'),
    },
    '/api/v1/schools/{uai}/publication/delegations/cas/{delegationId}': {
      put: route('Change a CAS delegation; only while publication is stopped', [uai, delegationId], delegationViewSchema, change, defineCasDelegationRequestSchema),
    },
    '/api/v1/schools/{uai}/publication/delegations/ws-federation': {
      post: route('Define a WS-Federation delegation (ADFS): name and federation metadata URL', [uai], delegationViewSchema, change, defineWsFederationRequestSchema, '201'),
    },
    '/api/v1/schools/{uai}/publication/delegations/{delegationId}/active': {
      put: route('The "Actif" checkbox of a delegation or protocol (409 DELEGATION_IN_USE_CONFLICT while an espace uses it)', [uai, delegationId], delegationViewSchema, change, setDelegationActiveRequestSchema),
    },
    '/api/v1/schools/{uai}/publication/espace-delegations': {
      put: route('"Choix de la délégation en fonction de l\'espace" (Cas / Ws-Federation / EduConnect / Aucune), all checked before any applies', [uai], delegationsPaneSchema, change, setEspaceDelegationsRequestSchema),
    },
  };
}
