import { type ConfigOf, commonShape, env, loadConfig } from '@pronote/config';

/** PRONOTE.net publication, espaces and authentication delegations. */
export const publicationConfigShape = {
  ...commonShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3104),
};

export type PublicationConfig = ConfigOf<typeof publicationConfigShape>;

export function loadPublicationConfig(source: NodeJS.ProcessEnv = process.env): PublicationConfig {
  return loadConfig(publicationConfigShape, source);
}
