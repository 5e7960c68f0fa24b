import { type Bus, RemoteCommandError, connectBus, sendCommand } from '@pronote/bus';
import type { CommandContract, RequestOf, ResponseOf } from '@pronote/contracts';
import { applyMigrations, createPrismaAdapter } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { type EmbeddedS3, ObjectStore, createS3Client, startEmbeddedS3 } from '@pronote/storage';
import { ServiceProcess } from '@pronote/supervisor';
import { TEST_DATABASE_URL, dropSchemas, freePort, isolation } from '@pronote/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { TestRuntime } from './test-runtime.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const S3_KEYS = { accessKey: 'bases-test', secretKey: 'bases-test-secret' };

/** The bases service as a child process on real Postgres, NATS and s3rver, plus a test runtime. */
export interface BasesHarness {
  bus: Bus;
  store: ObjectStore;
  runtime: TestRuntime;
  service: ServiceProcess;
  schema: string;
  /** A Prisma client on the service's schema, for tests that drive its classes in-process. */
  prisma: PrismaClient;
  /** The service's REDIS_PREFIX (its BullMQ queues live under it). */
  redisPrefix: string;
  /** A command to the service, as its callers send it. */
  send<C extends CommandContract>(contract: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  addSchool(uai: string): Promise<void>;
  stop(): Promise<void>;
}

/** The error code a command was refused with, or 'no error'. */
export function errorCode(reply: Promise<unknown>): Promise<string> {
  return reply.then(
    () => 'no error',
    (error: unknown) => (error instanceof RemoteCommandError ? error.code : `not a command error: ${String(error)}`),
  );
}

export async function startBasesHarness(env: Record<string, string> = {}): Promise<BasesHarness> {
  const ids = isolation();
  const schema = `${ids.schemaPrefix}_bases`;
  const dataDir = await mkdtemp(join(tmpdir(), 'bases-test-'));
  await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: join(ROOT, 'services/bases/prisma/migrations') });
  const s3: EmbeddedS3 = await startEmbeddedS3({ directory: dataDir, ...S3_KEYS });
  const store = new ObjectStore({
    client: createS3Client({ endPoint: s3.endPoint, port: s3.port, useSSL: false, region: 'us-east-1', ...S3_KEYS }),
    bucket: ids.bucket,
  });
  await store.ensureBucket();
  const logger = createLogger({ service: 'bases-test', level: 'warn' });
  const bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'bases-test', subjectPrefix: ids.subjectPrefix, logger });
  await bus.ready();
  const runtime = new TestRuntime(bus, store, logger);
  await runtime.start();
  const port = await freePort();
  const service = new ServiceProcess({
    name: 'bases',
    entry: 'services/bases/src/main.ts',
    cwd: ROOT,
    readinessUrl: `http://127.0.0.1:${port}/health/ready`,
    env: {
      LOG_LEVEL: 'warn',
      HTTP_PORT: String(port),
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      NATS_SUBJECT_PREFIX: ids.subjectPrefix,
      NATS_STREAM: ids.stream,
      S3_ENDPOINT: `http://${s3.endPoint}:${s3.port}`,
      S3_ACCESS_KEY: S3_KEYS.accessKey,
      S3_SECRET_KEY: S3_KEYS.secretKey,
      S3_BUCKET: ids.bucket,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: ids.redisPrefix,
      // Above the production 4 s: an order to the test runtime takes milliseconds, but seconds on a loaded
      // CI host. Tests of the timeout hold the runtime's answer (TestRuntime.holdOrders) rather than race it.
      RUNTIME_TIMEOUT_MS: '5000',
      SCHOOL_LOCK_MARGIN_MS: '1000',
      UPLOAD_PART_SIZE_BYTES: String(5 * 1024 * 1024),
      ...env,
    },
  });
  service.start();
  await service.waitReady();
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${schema}` });
  const prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: TEST_DATABASE_URL, schema }) });
  return {
    bus,
    store,
    runtime,
    service,
    schema,
    prisma,
    redisPrefix: ids.redisPrefix,
    send: (contract, request) => sendCommand(bus, contract, request, { timeoutMs: 15_000 }),
    query: async (sql, values) => (await pool.query(sql, values)).rows,
    addSchool: async (uai) => {
      await pool.query(`INSERT INTO "Tenant" ("uai", "accountId", "schoolName") VALUES ($1, gen_random_uuid(), $2)`, [uai, `Collège ${uai}`]);
    },
    stop: async () => {
      await service.stop();
      await runtime.stop();
      await bus.close();
      await pool.end();
      await prisma.$disconnect();
      await s3.close();
      await rm(dataDir, { recursive: true, force: true });
      await dropSchemas([schema]);
      const redis = new Redis('redis://127.0.0.1:6379');
      const keys = await redis.keys(`${ids.redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      const nats = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'bases-test-cleanup' });
      await (await nats.ready()).jetstreamManager().then((jsm) => jsm.streams.delete(ids.stream)).catch(() => undefined);
      await nats.close();
    },
  };
}
