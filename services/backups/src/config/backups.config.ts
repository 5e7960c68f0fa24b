import { type ConfigOf, commonShape, env, loadConfig, redisShape, s3Shape } from '@pronote/config';

/** Backups and archives: schedules in BullMQ (Redis), objects in S3. */
export const backupsConfigShape = {
  ...commonShape,
  ...s3Shape,
  ...redisShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3103),
};

export type BackupsConfig = ConfigOf<typeof backupsConfigShape>;

export function loadBackupsConfig(source: NodeJS.ProcessEnv = process.env): BackupsConfig {
  return loadConfig(backupsConfigShape, source);
}
