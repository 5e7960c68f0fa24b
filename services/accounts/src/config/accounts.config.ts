import { type ConfigOf, commonShape, databaseShape, env, loadConfig } from '@pronote/config';

export const accountsConfigShape = {
  ...commonShape,
  ...databaseShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3101),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('accounts'),
};

export type AccountsConfig = ConfigOf<typeof accountsConfigShape>;

export function loadAccountsConfig(source: NodeJS.ProcessEnv = process.env): AccountsConfig {
  return loadConfig(accountsConfigShape, source);
}
