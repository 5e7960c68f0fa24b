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
  BACKUP_RUN_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5).describe('attempts of one backup run before it is given up'),
  BACKUP_RUN_BACKOFF_MS: z.coerce.number().int().min(100).default(5_000).describe('first retry delay of a failed run (exponential)'),
  BACKUP_RUN_LOCK_MS: z.coerce.number().int().min(1_000).default(60_000).describe("how long a killed worker's run stays locked before it is retried"),
  BACKUP_RUN_STALLED_CHECK_MS: z.coerce.number().int().min(500).default(30_000).describe('how often runs of killed workers are looked for'),
  VERIFY_PATTERN: env.cron('integrity verification of every stored object').default('15 3 * * *'),
  DRILL_PATTERN: env.cron('restore drills of a rotating sample').default('45 4 * * *'),
  ALERTS_PATTERN: env.cron('overdue backup/archive alerts evaluation').default('*/10 * * * *'),
  SWEEP_PATTERN: env.cron('sweeper: interrupted prunings, abandoned runs').default('50 * * * *'),
  MAINTENANCE_TZ: z.string().default('Europe/Paris').describe('time zone of the maintenance patterns'),
  DRILL_SANDBOX_UAI: z.string().regex(/^\d{7}[A-Z]$/).default('0000000A').describe('UAI of the sandbox runtime used by restore drills'),
};

export type BackupsConfig = ConfigOf<typeof backupsConfigShape>;

export function loadBackupsConfig(source: NodeJS.ProcessEnv = process.env): BackupsConfig {
  return loadConfig(backupsConfigShape, source);
}
