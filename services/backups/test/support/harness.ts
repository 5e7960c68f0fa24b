import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Bus, connectBus } from '@pronote/bus';
import { applyMigrations, createPrismaAdapter } from '@pronote/db';
import { createLogger } from '@pronote/observability';
import { createS3Client, type EmbeddedS3, ObjectStore, startEmbeddedS3 } from '@pronote/storage';
import { dropSchemas, isolation, TEST_DATABASE_URL, type Isolation } from '@pronote/testing';
import { type BackupsCore, createBackupsCore } from '../../src/backups-core.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { createRunsPool } from '../../src/records/runs-pool.js';
import { RuntimeDouble, encodeBase, statistics } from './runtime-double.js';

export const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const S3_KEYS = { accessKey: 'backups-test', secretKey: 'backups-test-secret' };

export interface Harness {
  iso: Isolation;
  schema: string;
  prisma: PrismaClient;
  s3: EmbeddedS3;
  store: ObjectStore;
  bus: Bus;
  runtime: RuntimeDouble;
  core: BackupsCore;
  logger: ReturnType<typeof createLogger>;
  close(): Promise<void>;
}

/** Real Postgres schema, real s3rver bucket, real NATS with a subject prefix, the runtime double. */
export async function startHarness(): Promise<Harness> {
  const iso = isolation();
  const schema = `${iso.schemaPrefix}_backups`;
  await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir: resolve(import.meta.dirname, '../../prisma/migrations') });
  const prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: TEST_DATABASE_URL, schema, poolMax: 5 }) });
  const directory = await mkdtemp(join(tmpdir(), 'backups-s3-'));
  const s3 = await startEmbeddedS3({ directory, ...S3_KEYS });
  const store = objectStoreFor(s3.port, iso.bucket);
  await store.ensureBucket();
  const logger = createLogger({ service: 'backups-test', level: 'silent' });
  const bus = connectBus({ servers: NATS_URL, name: 'backups-test', subjectPrefix: iso.subjectPrefix, logger });
  const runtime = new RuntimeDouble(bus, store, logger);
  await runtime.start();
  const runsPool = createRunsPool({ connectionString: TEST_DATABASE_URL, schema, max: 5, onError: () => undefined });
  const core = createBackupsCore({ prisma, runsPool, store, bus, notify: () => undefined, runtimeTimeouts: { snapshotMs: 10_000, restoreMs: 10_000, queryMs: 5_000 } });
  const harness: Harness = {
    iso, schema, prisma, s3, store, bus, runtime, core, logger,
    async close() {
      await runtime.stop();
      await bus.close();
      await prisma.$disconnect();
      await runsPool.end();
      // `this.s3`: a test may have stopped and restarted the endpoint (same port and folder).
      await harness.s3.close();
      await rm(directory, { recursive: true, force: true });
      await dropSchemas([schema]);
    },
  };
  return harness;
}

export function objectStoreFor(port: number, bucket: string, requestTimeoutMs = 10_000): ObjectStore {
  return new ObjectStore({ client: createS3Client({ endPoint: '127.0.0.1', port, useSSL: false, ...S3_KEYS, region: 'us-east-1' }), bucket, requestTimeoutMs });
}

/** A school with a base in service, registered in the backups registry and loaded in the runtime double. */
export async function schoolInService(h: Harness, uai: string, baseId: string, seed = 100): Promise<void> {
  await h.core.bases.upsert({ baseId, uai, name: 'Base année 2022-2023', schoolYear: '2022-2023', inService: true, monitoredSince: new Date() });
  h.runtime.load(uai, {
    baseId,
    state: 'in_service',
    createdAt: '2022-08-25T08:00:00.000Z',
    content: encodeBase({ statistics: statistics(seed), lastEntryAt: new Date().toISOString(), marker: `seed-${seed}` }, 4096),
  });
}

/** A data entry in the live base: new statistics, a later last entry. */
export function enterData(h: Harness, uai: string, seed: number): void {
  const base = h.runtime.bases.get(uai)!;
  base.content = encodeBase({ statistics: statistics(seed), lastEntryAt: new Date().toISOString(), marker: `seed-${seed}` }, 4096);
}
