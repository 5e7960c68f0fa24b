/**
 * What both backups benchmarks stand on: the backups service's real objects (`createBackupsCore`:
 * runner, restore, repositories) on their own Postgres schema, a bucket on an embedded S3 endpoint
 * in its own process, real NATS under a subject prefix, and the bench runtime answering the runtime
 * protocol. `close()` removes all of it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Bus, connectBus } from '@pronote/bus';
import { uaiCheckLetter } from '@pronote/contracts';
import { applyMigrations, createPrismaAdapter } from '@pronote/db';
import { createLogger, type Logger } from '@pronote/observability';
import { createS3Client, ObjectStore } from '@pronote/storage';
import type { Client } from 'minio';
import { deleteRedisKeys, dropSchemas, isolation, type Isolation } from '@pronote/testing';
import { type BackupsCore, createBackupsCore } from '../../../services/backups/src/backups-core.js';
import { PrismaClient } from '../../../services/backups/src/generated/prisma/client.js';
import { createRunsPool } from '../../../services/backups/src/records/runs-pool.js';
import { benchEnv } from '../bench-env.js';
import { BenchRuntime } from './bench-runtime.js';
import { startS3Process, type S3Process } from './s3-process.js';

const S3_KEYS = { accessKey: 'bench-backups', secretKey: 'bench-backups-secret' };

export interface BackupsBench {
  iso: Isolation;
  prisma: PrismaClient;
  store: ObjectStore;
  bus: Bus;
  runtime: BenchRuntime;
  core: BackupsCore;
  logger: Logger;
  /** The S3 endpoint's process id (its CPU use is reported). */
  s3Pid: number | undefined;
  /** The raw client behind `store`. */
  s3Client: Client;
  close(): Promise<void>;
}

export interface School {
  uai: string;
  baseId: string;
}

/** The n-th simulated school: a valid UAI (check letter) and a fresh base id. */
export function school(index: number): School {
  const digits = String(1_000_000 + index).padStart(7, '0');
  return { uai: `${digits}${uaiCheckLetter(digits)}`, baseId: randomUUID() };
}

export async function startBackupsBench(options: { poolMax: number }): Promise<BackupsBench> {
  const iso = isolation();
  const schema = `${iso.schemaPrefix}_backups`;
  const directory = await mkdtemp(join(tmpdir(), 'bench-backups-s3-'));
  // Run in reverse: the Redis keys of the run's queues go once every worker and queue is closed.
  const cleanups: Array<() => Promise<unknown>> = [() => rm(directory, { recursive: true, force: true }), () => deleteRedisKeys(iso.id, benchEnv.redisUrl)];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`));
  };
  try {
    const s3: S3Process = await startS3Process({ directory, ...S3_KEYS });
    cleanups.push(() => s3.stop());
    const s3Client = createS3Client({ endPoint: '127.0.0.1', port: s3.port, useSSL: false, ...S3_KEYS, region: 'us-east-1' });
    const store = new ObjectStore({
      client: s3Client,
      bucket: iso.bucket,
      requestTimeoutMs: 300_000,
    });
    await store.ensureBucket();
    cleanups.push(() => dropSchemas([schema], benchEnv.databaseUrl));
    await applyMigrations({ connectionString: benchEnv.databaseUrl, schema, migrationsDir: resolve(import.meta.dirname, '../../../services/backups/prisma/migrations') });
    const prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: benchEnv.databaseUrl, schema, poolMax: options.poolMax }) });
    cleanups.push(() => prisma.$disconnect());
    const logger = createLogger({ service: 'bench-backups', level: 'warn' });
    const bus = connectBus({ servers: benchEnv.natsUrl, name: 'bench-backups', subjectPrefix: iso.subjectPrefix, logger });
    cleanups.push(() => bus.close());
    const runtime = new BenchRuntime(bus, store, logger);
    await runtime.start();
    cleanups.push(() => runtime.stop());
    // As the service: a run's statements on their own pool, one connection per run in flight.
    const runsPool = createRunsPool({ connectionString: benchEnv.databaseUrl, schema, max: options.poolMax, onError: (error) => logger.warn({ err: error }, 'runs pool') });
    cleanups.push(() => runsPool.end());
    const core = createBackupsCore({ prisma, runsPool, store, bus, notify: () => undefined, runtimeTimeouts: { snapshotMs: 120_000, restoreMs: 600_000, queryMs: 30_000 } });
    return { iso, prisma, store, bus, runtime, core, logger, s3Pid: s3.pid, s3Client, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Registers schools with a base in service (as the base-started events would) and loads their base in the runtime. */
export async function schoolsInService(bench: BackupsBench, schools: readonly School[], content: Buffer): Promise<void> {
  const lastEntryAt = new Date().toISOString();
  for (let i = 0; i < schools.length; i += 1000) {
    await bench.prisma.scheduledBase.createMany({
      data: schools.slice(i, i + 1000).map(({ uai, baseId }) => ({ baseId, uai, name: 'Base année 2022-2023', schoolYear: '2022-2023', inService: true, monitoredSince: new Date() })),
    });
  }
  for (const { uai, baseId } of schools) bench.runtime.bases.set(uai, { baseId, state: 'in_service', content: { bytes: content }, lastEntryAt });
}

/** Base bytes that do not compress or deduplicate: random, generated once per run. */
export function baseContent(bytes: number): Buffer {
  const content = Buffer.allocUnsafe(bytes);
  for (let offset = 0; offset < bytes; offset += 65_536) crypto.getRandomValues(content.subarray(offset, Math.min(offset + 65_536, bytes)));
  return content;
}
