import { DisconnectUser, GetLicences, ListConnectedUsers, ListSuspendedIps, SetAdminReserve, UnblockSuspendedIps } from '@pronote/contracts';
import type { z } from 'zod';
import { adminReserveBodySchema } from './school-sessions.controller.js';

type Json = (schema: z.ZodType) => Record<string, unknown>;
type Problems = (...statuses: number[]) => Record<string, unknown>;

const school = [{ operatorToken: [] }, { clientCertificate: [], consoleSession: [] }];
const uai = { name: 'uai', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{7}[A-Z]$' } };
const connectionId = { name: 'connectionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** The sessions routes (Fiche 11), for the OpenAPI document. */
export function sessionsOpenApiPaths(json: Json, problems: Problems): Record<string, unknown> {
  const route = (summary: string, parameters: unknown[], response: z.ZodType, statuses: number[], status = '200', body?: z.ZodType) => ({
    summary,
    security: school,
    parameters,
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: { [status]: { description: 'ok', content: json(response) }, ...problems(...statuses) },
  });
  return {
    '/api/v1/schools/{uai}/sessions/connections': {
      get: route('"Liste des utilisateurs connectés" (poste, application, état, mode, utilisateur, base, durée) and the licences line', [uai], ListConnectedUsers.response, [400, 401, 403, 404, 503, 504]),
    },
    '/api/v1/schools/{uai}/sessions/connections/{connectionId}/disconnect': {
      post: route('"Déconnecter": the runtime is asked; the user leaves the list once it reports the close', [uai, connectionId], DisconnectUser.response, [400, 401, 403, 404, 503, 504], '202'),
    },
    '/api/v1/schools/{uai}/sessions/licences': {
      get: route('"Licences en modification : x/N, réservées aux administrateurs : k"', [uai], GetLicences.response, [400, 401, 403, 404, 503, 504]),
    },
    '/api/v1/schools/{uai}/sessions/licences/admin-reserve': {
      put: route('Licences reserved for administrators (0 to N; 422 LICENCE_RESERVE_INVALID beyond)', [uai], SetAdminReserve.response, [400, 401, 403, 404, 422, 503, 504], '200', adminReserveBodySchema),
    },
    '/api/v1/schools/{uai}/sessions/suspended-ips': {
      get: route('Addresses suspended after failed logins on this school, with their end of suspension', [uai], ListSuspendedIps.response, [400, 401, 403, 404, 503, 504]),
    },
    '/api/v1/schools/{uai}/sessions/suspended-ips/unblock': {
      post: route('"Débloquer les IP suspendues": lifts them at the gateway (they may log in again at once)', [uai], UnblockSuspendedIps.response, [400, 401, 403, 404, 503, 504]),
    },
  };
}
