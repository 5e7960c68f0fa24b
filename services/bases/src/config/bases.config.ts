import { type ConfigOf, commonShape, databaseShape, env, loadConfig } from '@pronote/config';

export const basesConfigShape = {
  ...commonShape,
  ...databaseShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3102),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('bases'),
};

export type BasesConfig = ConfigOf<typeof basesConfigShape>;

export function loadBasesConfig(source: NodeJS.ProcessEnv = process.env): BasesConfig {
  return loadConfig(basesConfigShape, source);
}
