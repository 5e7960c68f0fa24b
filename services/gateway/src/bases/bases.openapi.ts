import {
  basePanelSchema,
  edtTransferSchema,
  preparationViewSchema,
  recoveryViewSchema,
  startRecoveryRequestSchema,
  beginUploadRequestSchema,
  uploadViewSchema,
  baseViewSchema,
  createEmptyBaseRequestSchema,
  historyEntrySchema,
  putVersionReleaseRequestSchema,
  startBaseRequestSchema,
  switchCampaignViewSchema,
  versionReleaseViewSchema,
} from '@pronote/contracts';
import { z } from 'zod';
import { preVersionRequestSchema } from './school-version.controller.js';

type Json = (schema: z.ZodType) => Record<string, unknown>;
type Problems = (...statuses: number[]) => Record<string, unknown>;

const school = [{ operatorToken: [] }, { clientCertificate: [], consoleSession: [] }];
const uai = { name: 'uai', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{7}[A-Z]$' } };
const uploadId = { name: 'uploadId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const baseId = { name: 'baseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** The bases routes of issue #4, for the OpenAPI document. */
export function basesOpenApiPaths(json: Json, problems: Problems): Record<string, unknown> {
  const ok = (schema: z.ZodType, status = '200') => ({ [status]: { description: 'ok', content: json(schema) } });
  const route = (summary: string, parameters: unknown[], responses: Record<string, unknown>, body?: z.ZodType) => ({
    summary,
    security: school,
    parameters,
    ...(body ? { requestBody: { required: false, content: json(body) } } : {}),
    responses,
  });
  const version = { name: 'version', in: 'path', required: true, schema: { type: 'integer' } };
  const operator = (summary: string, parameters: unknown[], responses: Record<string, unknown>, body?: z.ZodType) => ({
    ...route(summary, parameters, responses, body),
    security: [{ operatorToken: [] }],
  });
  return {
    '/api/v1/operator/versions': {
      get: operator('The PRONOTE version catalogue', [], { ...ok(z.object({ releases: z.array(versionReleaseViewSchema) })), ...problems(401, 503, 504) }),
    },
    '/api/v1/operator/versions/{version}': {
      put: operator('Add or change a version (pre-version 1 July, switch 20 August by default)', [version], { ...ok(versionReleaseViewSchema), ...problems(400, 401, 422, 503, 504) }, putVersionReleaseRequestSchema),
    },
    '/api/v1/operator/versions/{version}/switch': {
      post: operator('Run or resume the yearly switch for every school (SWITCH_NOT_DUE, SWITCH_ALREADY_COMPLETED)', [version], { ...ok(switchCampaignViewSchema, '202'), ...problems(400, 401, 404, 409, 422, 503, 504) }),
      get: operator('Progress and per-school results of the switch', [version], { ...ok(switchCampaignViewSchema), ...problems(400, 401, 404, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases': {
      get: route('List the bases of the school (current and previous years)', [uai], { ...ok(z.object({ bases: z.array(baseViewSchema) })), ...problems(400, 401, 503, 504) }),
      post: route(
        'Create a new empty base with its timetable grid (Fiche 4); stopped until put in service',
        [uai],
        { ...ok(baseViewSchema, '201'), ...problems(400, 401, 404, 409, 422, 503, 504) },
        createEmptyBaseRequestSchema,
      ),
    },
    '/api/v1/schools/{uai}/bases/uploads': {
      post: route(
        'Begin a resumable upload of a .HNOT base (or, with baseId, an annex file / .profils) (Fiche 8)',
        [uai],
        { ...ok(uploadViewSchema, '201'), ...problems(400, 401, 404, 413, 422, 503, 504) },
        beginUploadRequestSchema,
      ),
    },
    '/api/v1/schools/{uai}/bases/uploads/{uploadId}': {
      get: route('Read an upload: recorded parts and nextPartNumber to resume from', [uai, uploadId], { ...ok(uploadViewSchema), ...problems(400, 401, 404, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases/uploads/{uploadId}/parts/{partNumber}': {
      put: {
        ...route('Send one part as application/octet-stream (exactly partSize bytes, the last one the rest); resending a part replaces it', [uai, uploadId, { name: 'partNumber', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }], { ...ok(uploadViewSchema), ...problems(400, 401, 404, 409, 413, 422, 503, 504) }),
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      },
    },
    '/api/v1/schools/{uai}/bases/uploads/{uploadId}/complete': {
      post: route('Complete the upload: final SHA-256 checked; a .HNOT becomes a stopped base to put in service', [uai, uploadId], { ...ok(z.object({ upload: uploadViewSchema, base: baseViewSchema })), ...problems(400, 401, 404, 409, 422, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases/panel': {
      get: route('Base panel (Fiche 9): base in service, dates, statistics from the runtime', [uai], { ...ok(basePanelSchema), ...problems(400, 401, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases/history': {
      get: route(
        'Historique: every action on the bases, who, when, what',
        [uai, { name: 'baseId', in: 'query', schema: { type: 'string', format: 'uuid' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }],
        { ...ok(z.object({ entries: z.array(historyEntrySchema) })), ...problems(400, 401, 503, 504) },
      ),
    },
    '/api/v1/schools/{uai}/bases/{baseId}': {
      get: route('Read one base', [uai, baseId], { ...ok(baseViewSchema), ...problems(400, 401, 404, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases/{baseId}/start': {
      post: route(
        'Put the base in service (stops the one in service); the first time, sprPassword is required. RUNTIME_TIMEOUT leaves the previous state',
        [uai, baseId],
        { ...ok(baseViewSchema), ...problems(400, 401, 404, 409, 422, 503, 504) },
        startBaseRequestSchema,
      ),
    },
    '/api/v1/schools/{uai}/bases/{baseId}/stop': {
      post: route('Stop the base (the runtime persists its content)', [uai, baseId], { ...ok(baseViewSchema), ...problems(400, 401, 404, 422, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases/{baseId}/consultation': {
      put: route(
        'Load or unload a previous year\'s base for consultation (5 years back at most)',
        [uai, baseId],
        { ...ok(baseViewSchema), ...problems(400, 401, 404, 422, 503, 504) },
        z.strictObject({ consultation: z.boolean() }),
      ),
    },
    '/api/v1/schools/{uai}/bases/{baseId}/edt-import': {
      post: route(
        'Initialise an empty, stopped base from an EDT transfer (Fiche 6; format edt-transfer v1), with the espaces to publish (EDT_BASE_NOT_EMPTY, EDT_BASE_IN_SERVICE, EDT_TRANSFER_WRONG_*)',
        [uai, baseId],
        { ...ok(z.object({ base: baseViewSchema, imported: z.record(z.string(), z.number()), espaces: z.array(z.string()) })), ...problems(400, 401, 404, 409, 422, 503, 504) },
        z.strictObject({ transfer: edtTransferSchema }),
      ),
    },
    '/api/v1/schools/{uai}/bases/{baseId}/recoveries': {
      post: route(
        "Recover last year's data into the base (Fiche 7), from the previous year's base or a preparation file; runs as a job, the same idempotencyKey gives the same recovery",
        [uai, baseId],
        { ...ok(recoveryViewSchema, '202'), ...problems(400, 401, 404, 409, 422, 503, 504) },
        startRecoveryRequestSchema,
      ),
    },
    '/api/v1/schools/{uai}/bases/recoveries/{recoveryId}': {
      get: route('A recovery: status and report (per category, what was taken)', [uai, { name: 'recoveryId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], { ...ok(recoveryViewSchema), ...problems(400, 401, 404, 503, 504) }),
    },
    '/api/v1/schools/{uai}/bases/{baseId}/preparation': {
      post: route(
        "Préparer l'année suivante: the base's preparation file in S3, with a presigned download link",
        [uai, baseId],
        { ...ok(z.object({ preparation: preparationViewSchema, downloadUrl: z.string(), expiresAt: z.string() }), '201'), ...problems(400, 401, 404, 422, 503, 504) },
      ),
    },
    '/api/v1/schools/{uai}/bases/preparations': {
      post: route('Upload a preparation file made elsewhere (format pronote-preparation v1)', [uai], { ...ok(preparationViewSchema, '201'), ...problems(400, 401, 422, 503, 504) }, z.strictObject({ file: z.unknown() })),
    },
    '/api/v1/schools/{uai}/version/pre-version': {
      post: route('Ask for the pre-version early (Fiche 3): from its opening date until the day before the switch', [uai], { ...ok(z.object({ uai: z.string(), version: z.number(), requestedAt: z.string() }), '201'), ...problems(400, 401, 404, 422, 503, 504) }, preVersionRequestSchema),
    },
  };
}
