import { type ConfigOf, commonShape, databaseShape, env, loadConfig, s3Shape } from '@pronote/config';
import { z } from 'zod';

/** The orders of the runtime protocol, as they appear in `runtime.<uai>.<order>.v<n>`. */
export const RUNTIME_ORDERS = ['start', 'stop', 'snapshot', 'restore_prepare', 'restore', 'stats', 'disconnect'] as const;
export type RuntimeOrder = (typeof RUNTIME_ORDERS)[number];

/** Simulated hosted PRONOTE runtime: loads bases from S3, serves the runtime protocol. */
export const runtimeSimConfigShape = {
  ...commonShape,
  ...databaseShape,
  ...s3Shape,
  HTTP_PORT: env.port('health/metrics and simulation HTTP port').default(3106),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('runtime_sim'),
  RUNTIME_SIM_REPLY_DELAY_MS: env.int('fault injection: answer every order this late, after carrying it out').default(0),
  RUNTIME_SIM_SILENT_ORDERS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((order) => order.trim()).filter((order) => order !== ''))
    .pipe(z.array(z.enum(RUNTIME_ORDERS)))
    .describe(`fault injection: orders received and dropped, never answered (comma list of ${RUNTIME_ORDERS.join(', ')})`),
  RUNTIME_SIM_RESTORE_PREPARATION_TTL_MS: env
    .int('how long a prepared restore (verified bytes in memory, staging object) waits for its `restore` order', 1)
    .default(15 * 60_000),
  RUNTIME_SIM_SANDBOX_UAI: z
    .string()
    .regex(/^\d{7}[A-Z]$/)
    .default('0000000A')
    .describe("the restore-drill sandbox (backups' DRILL_SANDBOX_UAI): its restore accepts any school's base"),
};

export type RuntimeSimConfig = ConfigOf<typeof runtimeSimConfigShape>;

export function loadRuntimeSimConfig(source: NodeJS.ProcessEnv = process.env): RuntimeSimConfig {
  return loadConfig(runtimeSimConfigShape, source);
}
