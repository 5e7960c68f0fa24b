import { type ConfigOf, commonShape, databaseShape, env, loadConfig, redisShape, s3Shape } from '@pronote/config';

export const basesConfigShape = {
  ...commonShape,
  ...databaseShape,
  ...s3Shape,
  ...redisShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3102),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('bases'),
  RUNTIME_TIMEOUT_MS: env.int('how long an order to the runtime (start, stop, stats) may take before RUNTIME_TIMEOUT', 50).default(4000),
  UPLOAD_PART_SIZE_BYTES: env.int('part size of resumable uploads (S3: at least 5 MiB)', 5 * 1024 * 1024).default(8 * 1024 * 1024),
  SPR_PASSWORD_MIN_LENGTH: env.int('shortest SPR password accepted', 8).default(12),
  SCHOOL_LOCK_MARGIN_MS: env.int('lease of a school order beyond 4 × RUNTIME_TIMEOUT_MS (a crashed holder blocks its school that long)', 100).default(10_000),
  SWITCH_JOB_LOCK_MS: env.int('BullMQ lock of the switch job: a killed worker\'s campaign is taken over after this long', 1000).default(60_000),
  SWITCH_CATCH_UP_DAYS: env.int('a switch date missed by at most this many days (service down) runs at start', 0).default(7),
  RECOVERY_CONCURRENCY: env.int('recovery jobs run at once by this instance', 1).default(2),
  CONTENT_SWEEP_PATTERN: env.cron('removal of base content objects no base points to (Europe/Paris)').default('25 4 * * *'),
  CONTENT_SWEEP_GRACE_MINUTES: env
    .int("age before a content object no base points to is removed: longer than a restore takes from staging to recording (the runtime's preparation lifetime, 15 min)", 30)
    .default(60),
  DOWNLOAD_LINK_EXPIRY_SECONDS: env.int('lifetime of presigned download links (preparation files)', 60).default(900),
};

export type BasesConfig = ConfigOf<typeof basesConfigShape>;

export function loadBasesConfig(source: NodeJS.ProcessEnv = process.env): BasesConfig {
  return loadConfig(basesConfigShape, source);
}
