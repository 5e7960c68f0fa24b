import {
  accountPageSchema,
  accountViewSchema,
  certificateViewSchema,
  deliveryViewSchema,
  invoiceBodySchema,
  invoiceViewSchema,
  IssueClientCertificate,
  ListAccountHistory,
} from '@pronote/contracts';
import { z } from 'zod';
import { certificateDownloadSchema, changePasswordSchema, consoleLoginSchema, refreshSchema, resendSchema, revokeSchema, sprPasswordSchema } from './console-requests.js';

type Json = (schema: z.ZodType) => Record<string, unknown>;
type Problems = (...statuses: number[]) => Record<string, unknown>;

const tokensSchema = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number(), refreshExpiresIn: z.number() });
const uuidParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
const consoleSecurity = [{ clientCertificate: [], consoleSession: [] }];
const operator = [{ operatorToken: [] }];

/** The console and account administration routes of issue #3, for the OpenAPI document. */
export function consoleOpenApiPaths(json: Json, problems: Problems): Record<string, unknown> {
  const ok = (schema: z.ZodType, status = '200') => ({ [status]: { description: 'ok', content: json(schema) } });
  const body = (schema: z.ZodType) => ({ required: true, content: json(schema) });
  return {
    '/api/v1/console/certificates/download': {
      post: {
        summary: 'Download the client certificate (hosting number, password, number of the last invoice): PKCS#12 + installation password, shown once',
        requestBody: body(certificateDownloadSchema),
        responses: { ...ok(IssueClientCertificate.response, '201'), ...problems(400, 422, 429, 503, 504) },
      },
    },
    '/api/v1/console/credentials/resend': {
      post: { summary: "Recevoir mes identifiants d'hébergement: new password by SMS, hosting number by e-mail", requestBody: body(resendSchema), responses: { '202': { description: 'sent' }, ...problems(400, 404, 429) } },
    },
    '/api/v1/console/login': {
      post: { summary: 'Log in with hosting number + password, from a machine holding the school certificate', security: [{ clientCertificate: [] }], requestBody: body(consoleLoginSchema), responses: { ...ok(tokensSchema), ...problems(400, 403, 422, 429) } },
    },
    '/api/v1/console/session/refresh': {
      post: { summary: 'Rotate the session tokens (a refresh token works once)', security: [{ clientCertificate: [] }], requestBody: body(refreshSchema), responses: { ...ok(tokensSchema), ...problems(401, 403) } },
    },
    '/api/v1/console/logout': { post: { summary: 'End the session', security: consoleSecurity, responses: { '204': { description: 'logged out' }, ...problems(401, 403) } } },
    '/api/v1/console/me': { get: { summary: 'The hosting account of the session', security: consoleSecurity, responses: { ...ok(accountViewSchema), ...problems(401, 403) } } },
    '/api/v1/console/password': { put: { summary: 'Change the hosting password (old one required)', security: consoleSecurity, requestBody: body(changePasswordSchema), responses: { '200': { description: 'changed' }, ...problems(400, 401, 403, 422) } } },
    '/api/v1/console/spr-password': { put: { summary: 'Set or change the SPR password', security: consoleSecurity, requestBody: body(sprPasswordSchema), responses: { '200': { description: 'changed' }, ...problems(400, 401, 403) } } },
    '/api/v1/console/certificates': { get: { summary: "The school's devices (certificates)", security: consoleSecurity, responses: { ...ok(z.object({ items: z.array(certificateViewSchema) })), ...problems(401, 403) } } },
    '/api/v1/console/certificates/{certificateId}/revoke': {
      post: { summary: 'Revoke a device certificate (lost laptop)', security: consoleSecurity, parameters: [uuidParam('certificateId')], requestBody: body(revokeSchema), responses: { ...ok(certificateViewSchema), ...problems(401, 403, 404, 409) } },
    },
    '/api/v1/schools/{uai}/account': {
      get: { summary: "A school's hosting account (operator, or that school's console session)", security: [...operator, ...consoleSecurity], parameters: [{ name: 'uai', in: 'path', required: true, schema: { type: 'string' } }], responses: { ...ok(accountViewSchema), ...problems(401, 403, 404) } },
    },
    '/api/v1/operator/accounts': {
      get: {
        summary: 'Search hosting accounts (query over UAI, name, hosting number, e-mail; status)',
        security: operator,
        parameters: ['query', 'status', 'limit', 'offset'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        responses: { ...ok(accountPageSchema), ...problems(400, 401) },
      },
    },
    '/api/v1/operator/accounts/{accountId}/suspend': { post: { summary: 'Suspend an account (reason required)', security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(accountViewSchema), ...problems(400, 401, 404, 409) } } },
    '/api/v1/operator/accounts/{accountId}/reopen': { post: { summary: 'Reopen a suspended account', security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(accountViewSchema), ...problems(401, 404, 409) } } },
    '/api/v1/operator/accounts/{accountId}/licences': { put: { summary: 'Set the number of licences', security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(accountViewSchema), ...problems(400, 401, 404) } } },
    '/api/v1/operator/accounts/{accountId}/invoices': {
      post: { summary: 'Record an invoice', security: operator, parameters: [uuidParam('accountId')], requestBody: body(invoiceBodySchema), responses: { ...ok(invoiceViewSchema, '201'), ...problems(400, 401, 404, 409) } },
      get: { summary: 'Invoices, last first', security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(z.object({ items: z.array(invoiceViewSchema) })), ...problems(401, 404) } },
    },
    '/api/v1/operator/accounts/{accountId}/certificates': { get: { summary: "The account's certificates", security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(z.object({ items: z.array(certificateViewSchema) })), ...problems(401) } } },
    '/api/v1/operator/accounts/{accountId}/certificates/{certificateId}/revoke': {
      post: { summary: 'Revoke a certificate', security: operator, parameters: [uuidParam('accountId'), uuidParam('certificateId')], requestBody: body(revokeSchema), responses: { ...ok(certificateViewSchema), ...problems(401, 404, 409) } },
    },
    '/api/v1/operator/accounts/{accountId}/history': { get: { summary: 'History of the account, latest first (never a secret)', security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(ListAccountHistory.response), ...problems(401, 404) } } },
    '/api/v1/operator/accounts/{accountId}/deliveries': { get: { summary: 'Credential deliveries (SMS, e-mail) and their state', security: operator, parameters: [uuidParam('accountId')], responses: { ...ok(z.object({ items: z.array(deliveryViewSchema) })), ...problems(401, 404) } } },
  };
}
