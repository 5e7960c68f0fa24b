import { type ConfigOf, commonShape, databaseShape, env, loadConfig, s3Shape } from '@pronote/config';

export const basesConfigShape = {
  ...commonShape,
  ...databaseShape,
  ...s3Shape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3102),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('bases'),
  RUNTIME_TIMEOUT_MS: env.int('how long an order to the runtime (start, stop, stats) may take before RUNTIME_TIMEOUT', 50).default(4000),
  UPLOAD_PART_SIZE_BYTES: env.int('part size of resumable uploads (S3: at least 5 MiB)', 5 * 1024 * 1024).default(8 * 1024 * 1024),
  SPR_PASSWORD_MIN_LENGTH: env.int('shortest SPR password accepted', 8).default(12),
};

export type BasesConfig = ConfigOf<typeof basesConfigShape>;

export function loadBasesConfig(source: NodeJS.ProcessEnv = process.env): BasesConfig {
  return loadConfig(basesConfigShape, source);
}
