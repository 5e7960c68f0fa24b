/**
 * One 2-hour slot: N backups of a 436 KB base (the seed's backup size), each taken through the runtime
 * protocol (NATS request/reply → the bench runtime writes the snapshot to S3), re-read and re-hashed,
 * and recorded complete in Postgres (row + outbox event, retention), driven by the backups service's
 * own BullMQ run workers (`RunWorkers`, `BACKUP_RUN_CONCURRENCY` runs in flight). Baseline: raw PUTs of
 * the same N objects to the same S3 endpoint with the same number in flight, before and after (mean).
 * Full: `BENCH_SCHOOLS` (default 5,000, about 3 minutes here; 10,000 for the whole slot). Quick: 150.
 */
import { Redis } from 'ioredis';
import { slotFor, runIdempotencyKey } from '../services/backups/src/domain/schedule.js';
import { JobName } from '../services/backups/src/jobs/queue-names.js';
import { RunWorkers } from '../services/backups/src/runs/runs.processor.js';
import { runJobOptions } from '../services/backups/src/runs/tick.js';
import { baseContent, school, schoolsInService, startBackupsBench } from './support/backups/backups-bench.js';
import { withInFlight } from './support/backups/in-flight.js';
import { backupsBenchEnv } from './support/backups/backups-bench-env.js';
import { benchEnv } from './support/bench-env.js';
import { log, reportResult } from './support/result.js';

const BASE_BYTES = 436 * 1024;
const SLOT_BUDGET_MS = 5 * 60_000;
const FULL_SLOT = 10_000;
const { schools: SCHOOLS, runConcurrency: CONCURRENCY } = backupsBenchEnv;

async function rawPuts(store: { putBuffer(key: string, data: Buffer): Promise<unknown> }, prefix: string, content: Buffer): Promise<number> {
  const started = performance.now();
  await withInFlight(SCHOOLS, CONCURRENCY, (index) => store.putBuffer(`${prefix}/${index}.sauvs`, content));
  return performance.now() - started;
}

async function main(): Promise<void> {
  const bench = await startBackupsBench({ poolMax: Math.max(5, CONCURRENCY) });
  const redis = new Redis(benchEnv.redisUrl, { maxRetriesPerRequest: null });
  let workers: RunWorkers | undefined;
  try {
    const content = baseContent(BASE_BYTES);
    const schools = Array.from({ length: SCHOOLS }, (_, index) => school(index));
    await schoolsInService(bench, schools, content);

    const rawBeforeMs = await rawPuts(bench.store, 'raw-before', content);
    log(`raw PUT before: ${SCHOOLS} × 436 KB in ${rawBeforeMs.toFixed(0)} ms`);

    workers = new RunWorkers(bench.core.runner, bench.logger, { connection: redis, prefix: bench.iso.redisPrefix, concurrency: CONCURRENCY });
    const slot = slotFor(new Date());
    const started = performance.now();
    for (let i = 0; i < schools.length; i += 1000) {
      await workers.runsQueue.addBulk(
        schools.slice(i, i + 1000).map(({ baseId }) => ({
          name: JobName.RUN,
          data: { kind: 'backup' as const, baseId, slot: slot.toISOString() },
          opts: { jobId: runIdempotencyKey('backup', baseId, slot), ...runJobOptions() },
        })),
      );
    }
    await untilAllRunsFinished(workers, SCHOOLS);
    const projectMs = performance.now() - started;

    const complete = await bench.prisma.restorePoint.count({ where: { status: 'complete', kind: 'backup' } });
    const failed = await bench.prisma.restorePoint.count({ where: { status: { not: 'complete' } } });
    if (complete !== SCHOOLS || failed !== 0) throw new Error(`${complete} complete and ${failed} not complete of ${SCHOOLS}`);
    log(`slot: ${SCHOOLS} backups taken, verified and recorded complete in ${projectMs.toFixed(0)} ms (${CONCURRENCY} runs in flight)`);

    const rawAfterMs = await rawPuts(bench.store, 'raw-after', content);
    log(`raw PUT after: ${SCHOOLS} × 436 KB in ${rawAfterMs.toFixed(0)} ms`);

    const projectRate = SCHOOLS / (projectMs / 1000);
    const rawRate = SCHOOLS / ((rawBeforeMs + rawAfterMs) / 2 / 1000);
    const ratio = projectRate / rawRate;
    const fullSlotMs = (FULL_SLOT / projectRate) * 1000;
    reportResult({
      name: 'backups-slot',
      project: { label: 'backups taken+verified+recorded', value: projectRate, unit: 'backups/s' },
      baseline: { label: 'raw PUT of the same objects', value: rawRate, unit: 'PUT/s' },
      ratio,
      figures: [
        { label: 'schools in this run', value: SCHOOLS, unit: '' },
        { label: 'runs in flight (BACKUP_RUN_CONCURRENCY)', value: CONCURRENCY, unit: '' },
        { label: 'slot time for these schools', value: projectMs / 1000, unit: 's' },
        { label: `slot time for ${FULL_SLOT} schools${SCHOOLS === FULL_SLOT ? '' : ' (extrapolated)'}`, value: fullSlotMs / 1000, unit: 's' },
        { label: 'raw PUT before', value: SCHOOLS / (rawBeforeMs / 1000), unit: 'PUT/s' },
        { label: 'raw PUT after', value: SCHOOLS / (rawAfterMs / 1000), unit: 'PUT/s' },
      ],
      targets: [
        { label: 'throughput ≥ 0.6× raw PUT', met: ratio >= 0.6 },
        { label: `${FULL_SLOT} backups in < 5 min${SCHOOLS === FULL_SLOT ? '' : ' (extrapolated)'}`, met: fullSlotMs < SLOT_BUDGET_MS },
      ],
    });
  } finally {
    if (workers) {
      await workers.close();
      await workers.runsQueue.obliterate({ force: true }).catch(() => undefined);
    }
    redis.disconnect();
    await bench.close();
  }
}

/** Completed + failed (after their retries) jobs of the run queue reach `count`; a failure stops the benchmark. */
async function untilAllRunsFinished(workers: RunWorkers, count: number): Promise<void> {
  for (;;) {
    const counts = await workers.runsQueue.getJobCounts('completed', 'failed');
    if ((counts['failed'] ?? 0) > 0) throw new Error(`${counts['failed']} backup runs failed`);
    if ((counts['completed'] ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

await main();
