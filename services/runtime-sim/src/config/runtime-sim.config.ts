import { type ConfigOf, commonShape, env, loadConfig, s3Shape } from '@pronote/config';

/** Simulated hosted PRONOTE runtime: loads bases from S3, serves the runtime protocol. */
export const runtimeSimConfigShape = {
  ...commonShape,
  ...s3Shape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3106),
};

export type RuntimeSimConfig = ConfigOf<typeof runtimeSimConfigShape>;

export function loadRuntimeSimConfig(source: NodeJS.ProcessEnv = process.env): RuntimeSimConfig {
  return loadConfig(runtimeSimConfigShape, source);
}
