import { type ConfigOf, commonShape, env, loadConfig, redisShape } from '@pronote/config';

/** Connected users, licences in modification, suspended IPs. */
export const sessionsConfigShape = {
  ...commonShape,
  ...redisShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3105),
};

export type SessionsConfig = ConfigOf<typeof sessionsConfigShape>;

export function loadSessionsConfig(source: NodeJS.ProcessEnv = process.env): SessionsConfig {
  return loadConfig(sessionsConfigShape, source);
}
