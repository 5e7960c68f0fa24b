import { accountViewSchema, createAccountRequestSchema } from '@pronote/contracts';
import { z } from 'zod';
import { backupsOpenApiPaths } from '../backups/backups.openapi.js';
import { basesOpenApiPaths } from '../bases/bases.openapi.js';
import { consoleOpenApiPaths } from '../console/console.openapi.js';
import { publicationOpenApiPaths } from '../publication/publication.openapi.js';
import { sessionsOpenApiPaths } from '../sessions/sessions.openapi.js';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable machine code' },
    correlationId: { type: 'string' },
    errors: {},
  },
};

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: 'problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    ]),
  );

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } });

/** The console API, described from the same schemas that validate it. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'PRONOTE hosting console API', version: '1' },
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        operatorToken: { type: 'http', scheme: 'bearer' },
        consoleSession: { type: 'http', scheme: 'bearer', description: 'pcs_… token from /api/v1/console/login' },
        clientCertificate: { type: 'mutualTLS', description: "the school's client certificate, issued by the platform CA" },
      },
    },
    paths: mergePaths(consoleOpenApiPaths(json, problems), basesOpenApiPaths(json, problems), backupsOpenApiPaths(json, problems), publicationOpenApiPaths(json, problems), sessionsOpenApiPaths(json, problems), {
      '/api/v1/operator/accounts': {
        post: {
          summary: 'Open a hosting account for a school',
          security: [{ operatorToken: [] }],
          requestBody: { required: true, content: json(createAccountRequestSchema) },
          responses: { '201': { description: 'created', content: json(accountViewSchema) }, ...problems(400, 401, 409, 413, 415, 503, 504) },
        },
      },
      '/api/v1/operator/accounts/{accountId}': {
        get: {
          summary: 'Read a hosting account and the status of its school in the bases service',
          security: [{ operatorToken: [] }],
          parameters: [{ name: 'accountId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { '200': { description: 'the account' }, ...problems(400, 401, 404, 503, 504) },
        },
      },
    }),
  };
}

/** Paths from several features; methods of one path are merged. */
function mergePaths(...parts: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [path, methods] of Object.entries(part)) merged[path] = { ...merged[path], ...(methods as Record<string, unknown>) };
  }
  return merged;
}
