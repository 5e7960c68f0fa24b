import { type ConfigOf, commonShape, databaseShape, env, loadConfig, redisShape, s3Shape } from '@pronote/config';
import { z } from 'zod';

/** Backups and archives: registry and records in Postgres, schedules in BullMQ (Redis), objects in S3. */
export const backupsConfigShape = {
  ...commonShape,
  ...databaseShape,
  ...s3Shape,
  ...redisShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3103),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('backups'),
  BACKUP_RUN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8).describe('backup runs in parallel per instance'),
  DRILL_SANDBOX_UAI: z.string().regex(/^\d{7}[A-Z]$/).default('0000000A').describe('UAI of the sandbox runtime used by restore drills'),
};

export type BackupsConfig = ConfigOf<typeof backupsConfigShape>;

export function loadBackupsConfig(source: NodeJS.ProcessEnv = process.env): BackupsConfig {
  return loadConfig(backupsConfigShape, source);
}
