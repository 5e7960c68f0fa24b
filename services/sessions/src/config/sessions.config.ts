import { type ConfigOf, commonShape, databaseShape, env, loadConfig } from '@pronote/config';

/** Connected users, licences in modification, suspended IPs. */
export const sessionsConfigShape = {
  ...commonShape,
  ...databaseShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3105),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('sessions'),
  RUNTIME_TIMEOUT_MS: env.int('how long a disconnect order waits for the runtime', 100).default(5000),
  ACCOUNTS_TIMEOUT_MS: env.int("how long a query to accounts (a school's hosting number) waits", 100).default(5000),
};

export type SessionsConfig = ConfigOf<typeof sessionsConfigShape>;

export function loadSessionsConfig(source: NodeJS.ProcessEnv = process.env): SessionsConfig {
  return loadConfig(sessionsConfigShape, source);
}
