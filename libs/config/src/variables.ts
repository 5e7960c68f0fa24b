import { z } from 'zod';
import { secret } from './define-config.js';

/** Reusable variable types: each parses a string from the environment. */
export const env = {
  string: (description: string) => z.string().min(1).describe(description),
  url: (description: string) => z.url().describe(description),
  port: (description: string) => z.coerce.number().int().min(0).max(65535).describe(description),
  int: (description: string, min = 0) => z.coerce.number().int().min(min).describe(description),
  bool: (description: string) =>
    z
      .enum(['true', 'false', '1', '0'])
      .transform((v) => v === 'true' || v === '1')
      .describe(description),
  identifier: (description: string) =>
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _ only')
      .describe(description),
  logLevel: () => z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  secret: (description: string, minLength = 1) => secret(z.string().min(minLength).describe(description)),
};

/** Variables every service shares: where Postgres, NATS and the HTTP probes are. */
export const commonShape = {
  LOG_LEVEL: env.logLevel(),
  HTTP_HOST: env.string('address of the health/metrics HTTP listener').default('127.0.0.1'),
  NATS_URL: env.string('NATS servers, comma-separated').default('nats://127.0.0.1:4222'),
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/)
    .default('')
    .describe('prefix of every subject (tests isolate themselves with it)'),
  NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('HOSTING').describe('JetStream stream of integration events'),
  SHUTDOWN_GRACE_MS: env.int('time given to in-flight work on shutdown', 100).default(10000),
};

export const databaseShape = {
  DATABASE_URL: env.url('PostgreSQL connection string').default('postgresql://postgres@127.0.0.1:5432/pronote'),
  DATABASE_POOL_MAX: env.int('PostgreSQL pool size', 1).default(10),
};
