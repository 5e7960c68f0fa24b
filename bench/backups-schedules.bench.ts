/**
 * Registering the 2-hourly and daily schedulers of every base in service from Postgres (what the
 * backups service does at start), against the same number of raw `upsertJobScheduler` calls.
 * Full: 10,000 bases (20,000 schedulers). Quick: 300.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { applyMigrations, createPrismaAdapter } from '@pronote/db';
import { deleteRedisKeys, dropSchemas, isolation } from '@pronote/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_ARCHIVE_SLOTS, DEFAULT_BACKUP_SLOTS, DEFAULT_SPREAD, schedulerRepeatFor } from '../services/backups/src/domain/schedule.js';
import { PrismaClient } from '../services/backups/src/generated/prisma/client.js';
import { JobName, QueueName } from '../services/backups/src/jobs/queue-names.js';
import { ScheduleRegistrar } from '../services/backups/src/schedules/schedule-registrar.js';
import { ScheduledBasesRepository } from '../services/backups/src/schedules/scheduled-bases.repository.js';
import { benchEnv } from './support/bench-env.js';
import { log, reportResult } from './support/result.js';

const BASES = benchEnv.quick ? 300 : 10_000;
const PARALLEL = 64;

/** Bytes held in Redis under a prefix (MEMORY USAGE of every key): the shared Redis is not ours alone. */
async function memoryUnder(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
    for (const key of keys as string[]) total += (await redis.memory('USAGE', key)) ?? 0;
  }
  return total;
}

async function main(): Promise<void> {
  const iso = isolation();
  const schema = `${iso.schemaPrefix}_backups`;
  const redis = new Redis(benchEnv.redisUrl, { maxRetriesPerRequest: null });
  await applyMigrations({ connectionString: benchEnv.databaseUrl, schema, migrationsDir: resolve(import.meta.dirname, '../services/backups/prisma/migrations') });
  const prisma = new PrismaClient({ adapter: createPrismaAdapter({ connectionString: benchEnv.databaseUrl, schema, poolMax: 5 }) });
  const projectPrefix = `${iso.redisPrefix}-project`;
  const rawPrefix = `${iso.redisPrefix}-raw`;
  const projectQueue = new Queue(QueueName.SCHEDULES, { connection: redis, prefix: projectPrefix });
  const rawQueue = new Queue(QueueName.SCHEDULES, { connection: redis, prefix: rawPrefix });
  try {
    const ids = Array.from({ length: BASES }, () => randomUUID());
    await prisma.scheduledBase.createMany({
      data: ids.map((baseId, index) => ({ baseId, uai: String(1000000 + index).padStart(7, '0') + 'A', name: 'Base', schoolYear: '2022-2023', inService: true, monitoredSince: new Date() })),
    });

    const rawStart = performance.now();
    for (let i = 0; i < ids.length; i += PARALLEL) {
      await Promise.all(
        ids.slice(i, i + PARALLEL).flatMap((baseId) => {
          const backup = schedulerRepeatFor(baseId, DEFAULT_BACKUP_SLOTS, DEFAULT_SPREAD);
          const archive = schedulerRepeatFor(baseId, DEFAULT_ARCHIVE_SLOTS, DEFAULT_SPREAD);
          return [
            rawQueue.upsertJobScheduler(`backup:${baseId}`, { pattern: backup.pattern, tz: backup.tz }, { name: JobName.BACKUP_TICK, data: { baseId } }),
            rawQueue.upsertJobScheduler(`archive:${baseId}`, { pattern: archive.pattern, tz: archive.tz }, { name: JobName.ARCHIVE_TICK, data: { baseId } }),
          ];
        }),
      );
    }
    const rawMs = performance.now() - rawStart;

    const projectStart = performance.now();
    const registered = await new ScheduleRegistrar(projectQueue, new ScheduledBasesRepository(prisma)).recreateAll();
    const projectMs = performance.now() - projectStart;
    if (registered !== BASES) throw new Error(`registered ${registered} of ${BASES}`);

    const [projectBytes, rawBytes] = [await memoryUnder(redis, projectPrefix), await memoryUnder(redis, rawPrefix)];
    log(`${BASES} bases (${BASES * 2} schedulers): from Postgres ${projectMs.toFixed(0)} ms, raw upserts ${rawMs.toFixed(0)} ms`);
    log(`Redis memory: project ${(projectBytes / 1e6).toFixed(1)} MB, raw ${(rawBytes / 1e6).toFixed(1)} MB`);
    const ratio = projectMs / rawMs;
    reportResult({
      name: 'backups-schedules',
      project: { label: 'register from Postgres', value: projectMs, unit: 'ms' },
      baseline: { label: 'raw upsertJobScheduler', value: rawMs, unit: 'ms' },
      ratio,
      figures: [
        { label: 'bases', value: BASES, unit: '' },
        { label: 'Redis memory (project)', value: projectBytes / 1e6, unit: 'MB' },
        { label: 'Redis memory (raw)', value: rawBytes / 1e6, unit: 'MB' },
      ],
      targets: [{ label: 'time ≤ 1.5× raw', met: ratio <= 1.5 }],
    });
  } finally {
    await projectQueue.obliterate({ force: true }).catch(() => undefined);
    await rawQueue.obliterate({ force: true }).catch(() => undefined);
    await Promise.all([projectQueue.close(), rawQueue.close()]);
    redis.disconnect();
    await deleteRedisKeys(iso.id, benchEnv.redisUrl); // what obliterate leaves (the queues' meta)
    await prisma.$disconnect();
    await dropSchemas([schema], benchEnv.databaseUrl);
  }
}

await main();
