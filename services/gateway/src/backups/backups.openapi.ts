import {
  ArchiveDownloadLink,
  GetRestorePoint,
  ListBackupAlerts,
  ListBackupFailures,
  ListDrills,
  ListRestorePoints,
  PreviewRestore,
  RestoreFromPoint,
  TakeManualBackup,
  restoreRequestSchema,
} from '@pronote/contracts';
import type { z } from 'zod';

type Json = (schema: z.ZodType) => Record<string, unknown>;
type Problems = (...statuses: number[]) => Record<string, unknown>;

const school = [{ operatorToken: [] }, { clientCertificate: [], consoleSession: [] }];
const operator = [{ operatorToken: [] }];
const uai = { name: 'uai', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{7}[A-Z]$' } };
const pointId = { name: 'restorePointId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const query = (name: string, schema: Record<string, unknown>) => ({ name, in: 'query', schema });

/** The backups routes of issue #5, for the OpenAPI document. */
export function backupsOpenApiPaths(json: Json, problems: Problems): Record<string, unknown> {
  const route = (security: unknown[], summary: string, parameters: unknown[], response: z.ZodType, statuses: number[], status = '200', body?: z.ZodType) => ({
    summary,
    security,
    parameters,
    ...(body ? { requestBody: { required: false, content: json(body) } } : {}),
    responses: { [status]: { description: 'ok', content: json(response) }, ...problems(...statuses) },
  });
  return {
    '/api/v1/schools/{uai}/backups': {
      get: route(school, '"Sauvegardes (12) et archives (N)": complete (and flagged corrupt) backups, archives and safety backups, newest first', [uai], ListRestorePoints.response, [400, 401, 503, 504]),
      post: route(school, 'Take a backup now (never skipped); listed once written and verified', [uai], TakeManualBackup.response, [400, 401, 404, 422, 503, 504], '201'),
    },
    '/api/v1/schools/{uai}/backups/alerts': {
      get: route(school, "Active alerts of the school: backup overdue (4 h), archive overdue (1 day), restore drill mismatch", [uai], ListBackupAlerts.response, [400, 401, 503, 504]),
    },
    '/api/v1/schools/{uai}/backups/{restorePointId}': {
      get: route(school, 'Detail: type, date, size, sha256, statistics of the base at that moment, created on / last entry on, last verification and drill', [uai, pointId], GetRestorePoint.response, [400, 401, 404, 503, 504]),
    },
    '/api/v1/schools/{uai}/backups/{restorePointId}/restore-preview': {
      get: route(school, 'What "Ouvrir" would drop: live statistics against the backup\'s, entries lost since; whether the base is in service or the backup corrupt', [uai, pointId], PreviewRestore.response, [400, 401, 404, 503, 504]),
    },
    '/api/v1/schools/{uai}/backups/{restorePointId}/restore': {
      post: route(
        school,
        'Ouvrir cette sauvegarde / archive: sha256 verified first; a base in service is refused (409 BACKUP_RESTORE_BASE_IN_SERVICE) unless confirmStop; a safety backup is taken first; the base is left stopped',
        [uai, pointId],
        RestoreFromPoint.response,
        [400, 401, 404, 409, 422, 503, 504],
        '200',
        restoreRequestSchema,
      ),
    },
    '/api/v1/schools/{uai}/backups/{restorePointId}/download': {
      get: route(school, 'Mes archives: presigned download links (15 min) for an archive and its annex files', [uai, pointId], ArchiveDownloadLink.response, [400, 401, 404, 422, 503, 504]),
    },
    '/api/v1/operator/backups/failures': {
      get: route(operator, 'Runs whose last attempt failed (code and reason, attempts), newest slot first', [query('uai', { type: 'string' }), query('limit', { type: 'integer' })], ListBackupFailures.response, [400, 401, 503, 504]),
    },
    '/api/v1/operator/backups/alerts': {
      get: route(operator, 'Active backup alerts of every school (or one)', [query('uai', { type: 'string' })], ListBackupAlerts.response, [400, 401, 503, 504]),
    },
    '/api/v1/operator/backups/drills': {
      get: route(operator, 'Latest restore drills and their result', [query('result', { type: 'string', enum: ['match', 'mismatch', 'error'] }), query('limit', { type: 'integer' })], ListDrills.response, [400, 401, 503, 504]),
    },
  };
}
