import { type ConfigOf, commonShape, databaseShape, env, loadConfig } from '@pronote/config';
import { z } from 'zod';

/** PRONOTE.net publication, espaces and authentication delegations. */
export const publicationConfigShape = {
  ...commonShape,
  ...databaseShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3104),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('publication'),
  HOSTING_DOMAIN: z
    .string()
    .regex(/^(?=.{1,200}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'a DNS domain such as index-education.net')
    .default('index-education.net')
    .describe('domain of the schools\' PRONOTE.net addresses: https://<UAI>.<HOSTING_DOMAIN>/pronote/'),
  CAS_TIMEOUT_MS: env.int('how long a CAS server may take to validate a service ticket', 100).default(5000),
};

export type PublicationConfig = ConfigOf<typeof publicationConfigShape>;

export function loadPublicationConfig(source: NodeJS.ProcessEnv = process.env): PublicationConfig {
  return loadConfig(publicationConfigShape, source);
}
