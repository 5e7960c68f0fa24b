import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Bus, connectBus, sendCommand } from '@pronote/bus';
import { type CommandContract, type RequestOf, type ResponseOf, type StoredObject, RuntimeStats, forSchool } from '@pronote/contracts';
import { applyMigrations } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { startService } from '@pronote/service-kit';
import { type EmbeddedS3, ObjectStore, createS3Client, startEmbeddedS3 } from '@pronote/storage';
import { TEST_DATABASE_URL, dropSchemas, freePort, isolation, waitFor } from '@pronote/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { AppModule, SERVICE } from '../../src/app.module.js';
import { loadRuntimeSimConfig } from '../../src/config/runtime-sim.config.js';

const ACCESS_KEY = 'runtime-sim-test';
const SECRET_KEY = 'runtime-sim-test-secret';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/**
 * runtime-sim in-process (its AppModule, as main.ts builds it) against real NATS (own subject prefix
 * and stream), Postgres (own schema, migrated) and an embedded S3 (own folder and port).
 */
export interface RuntimeSimHarness {
  readonly httpUrl: string;
  readonly client: Bus;
  readonly store: ObjectStore;
  readonly s3: EmbeddedS3;
  /** Where the service's tables are (Postgres schema). */
  readonly schema: string;
  /** Sends an order to one school's runtime, as bases and backups do. */
  order<C extends CommandContract>(contract: C, uai: string, request: RequestOf<C>, timeoutMs?: number): Promise<ResponseOf<C>>;
  upload(key: string, bytes: Buffer): Promise<StoredObject>;
  download(key: string): Promise<Buffer>;
  http<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Stops the simulator and starts a new one on the same database, bucket and subjects. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRuntimeSim(extraEnv: Record<string, string> = {}): Promise<RuntimeSimHarness> {
  const ns = isolation();
  const schema = `${ns.schemaPrefix}_runtime_sim`;
  await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: resolve(import.meta.dirname, '../../prisma/migrations') });
  const directory = await mkdtemp(join(tmpdir(), 'runtime-sim-s3-'));
  const s3 = await startEmbeddedS3({ directory, port: await freePort(), accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
  const port = await freePort();
  const env = {
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    NATS_URL,
    NATS_SUBJECT_PREFIX: ns.subjectPrefix,
    NATS_STREAM: ns.stream,
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    DATABASE_POOL_MAX: '3',
    S3_ENDPOINT: `http://${s3.endPoint}:${s3.port}`,
    S3_ACCESS_KEY: ACCESS_KEY,
    S3_SECRET_KEY: SECRET_KEY,
    S3_BUCKET: ns.bucket,
    ...extraEnv,
  };
  const config = loadRuntimeSimConfig(env);
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const boot = () => startService({ service: SERVICE, module: AppModule.register(config, logger), logger, host: config.HTTP_HOST, port });
  let app: NestFastifyApplication | null = await boot();

  const store = new ObjectStore({
    client: createS3Client({ endPoint: s3.endPoint, port: s3.port, useSSL: false, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: 'us-east-1' }),
    bucket: ns.bucket,
  });
  const client = connectBus({ servers: NATS_URL, name: 'runtime-sim-test-client', subjectPrefix: ns.subjectPrefix });
  await client.ready();
  const httpUrl = `http://127.0.0.1:${port}`;

  const http = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${httpUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  // Ready = NATS, Postgres and the bucket answer, and the orders find a responder.
  const waitReady = async () => {
    await waitFor(async () => (await http('GET', '/health/ready')).status === 200, { what: 'runtime-sim ready' });
    await waitFor(() => sendCommand(client, forSchool(RuntimeStats, '0750654D'), { uai: '0750654D' }, { timeoutMs: 1000 }).then(() => true), {
      what: 'runtime orders served',
    });
  };
  await waitReady();

  return {
    httpUrl,
    client,
    store,
    s3,
    schema,
    order: (contract, uai, request, timeoutMs = 10_000) => sendCommand(client, forSchool(contract, uai), request, { timeoutMs }),
    upload: (key, bytes) => store.putStream(key, Readable.from([bytes])),
    download: async (key) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await store.getStream(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    http,
    async restart() {
      await app?.close();
      app = await boot();
      await waitReady();
    },
    async stop() {
      await app?.close();
      app = null;
      const streams = (await client.connection().jetstreamManager()).streams;
      await streams.delete(ns.stream).catch(() => undefined);
      await client.close();
      await s3.close().catch(() => undefined); // a test may have stopped it already
      await rm(directory, { recursive: true, force: true });
      await dropSchemas([schema]);
    },
  };
}
