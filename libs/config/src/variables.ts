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
  /** A 5-field cron pattern (minute hour day month weekday), as BullMQ job schedulers take it. */
  cron: (description: string) =>
    z
      .string()
      .regex(/^\S+( \S+){4}$/, 'a 5-field cron pattern')
      .describe(`cron pattern: ${description}`),
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
  NATS_ACK_WAIT_MS: env.int('time a consumer has to ack a message before it is redelivered', 500).default(30000),
  NATS_MAX_DELIVER: env.int('deliveries of one message before it is terminated with an alert', 1).default(10),
  NATS_CONSUMER_CONCURRENCY: env.int('messages a consumer handles at once (order kept per aggregate)', 1).default(8),
  SHUTDOWN_GRACE_MS: env.int('time given to in-flight work on shutdown', 100).default(10000),
};

export const databaseShape = {
  DATABASE_URL: env.url('PostgreSQL connection string').default('postgresql://postgres@127.0.0.1:5432/pronote'),
  DATABASE_POOL_MAX: env.int('PostgreSQL pool size', 1).default(10),
};

/** S3 endpoint (MinIO in production, the embedded s3rver on development machines). */
export const s3Shape = {
  S3_ENDPOINT: env.url('S3 endpoint URL, e.g. http://minio:9000').default('http://127.0.0.1:9000'),
  S3_REGION: env.string('S3 region').default('us-east-1'),
  S3_ACCESS_KEY: env.secret('S3 access key'),
  S3_SECRET_KEY: env.secret('S3 secret key'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a valid S3 bucket name')
    .default('pronote-hosting')
    .describe('bucket holding bases, backups and archives'),
};

export const redisShape = {
  REDIS_URL: env.url('Redis URL (BullMQ); the server must run with maxmemory-policy noeviction').default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('pronote').describe('prefix of every Redis key'),
};
