/**
 * One 2-hour slot: N backups of a 436 KB base (the seed's backup size), each taken through the runtime
 * protocol (NATS request/reply → the bench runtime writes the snapshot to S3 in one PUT carrying its
 * sha256, which the store checks), verified (a HEAD gives back the size and the sha256 the store
 * computed), and recorded complete in Postgres (row + outbox event + the base's last run, retention),
 * driven by the backups service's own BullMQ run workers (`RunWorkers`, `BACKUP_RUN_CONCURRENCY` runs
 * in flight). Baseline: raw PUTs of the same N objects to the same S3 endpoint with the same number in
 * flight — the same checked single PUT as the snapshot's — before and after (mean); minio's own
 * putObject (the baseline until then, slower: it hashes each body three times) is measured too and
 * reported beside it. The CPU used per backup and per raw PUT, by this process and by the S3
 * endpoint's, tells where the difference goes.
 * Full: `BENCH_SCHOOLS` (default 5,000, about 3 minutes here; 10,000 for the whole slot). Quick: 150.
 */
import { Redis } from 'ioredis';
import { slotFor, runIdempotencyKey } from '../services/backups/src/domain/schedule.js';
import { JobName } from '../services/backups/src/jobs/queue-names.js';
import { RunWorkers } from '../services/backups/src/runs/runs.processor.js';
import { runJobOptions } from '../services/backups/src/runs/tick.js';
import { type BackupsBench, baseContent, school, schoolsInService, startBackupsBench } from './support/backups/backups-bench.js';
import { withInFlight } from './support/backups/in-flight.js';
import { cpuDuring } from './support/backups/process-cpu.js';
import { backupsBenchEnv } from './support/backups/backups-bench-env.js';
import { benchEnv } from './support/bench-env.js';
import { log, reportResult } from './support/result.js';

const BASE_BYTES = 436 * 1024;
const SLOT_BUDGET_MS = 5 * 60_000;
const FULL_SLOT = 10_000;
const { schools: SCHOOLS, runConcurrency: CONCURRENCY } = backupsBenchEnv;

interface Phase {
  ms: number;
  /** CPU per object (ms): this process (workers, runtime responder, client), and the S3 endpoint's. */
  ownCpuMs: number;
  s3CpuMs: number | null;
}

async function measured(s3Pid: number | undefined, work: () => Promise<unknown>): Promise<Phase> {
  const started = performance.now();
  const cpu = await cpuDuring(s3Pid, work);
  return { ms: performance.now() - started, ownCpuMs: cpu.ownMs / SCHOOLS, s3CpuMs: cpu.s3Ms === null ? null : cpu.s3Ms / SCHOOLS };
}

/** The same single PUT as a snapshot's (`ObjectStore.putBuffer`: one request, its sha256 checked by the store). */
function rawPuts(bench: BackupsBench, prefix: string, content: Buffer): Promise<Phase> {
  return measured(bench.s3Pid, () => withInFlight(SCHOOLS, CONCURRENCY, (index) => bench.store.putBuffer(`${prefix}/${index}.sauvs`, content)));
}

/**
 * minio's own putObject, the baseline until the snapshot's PUT carried its checksum: the client hashes
 * the body three times (sha256 to sign, MD5, and the caller's sha256), so it is slower than the above.
 */
function minioPutObjects(bench: BackupsBench, prefix: string, content: Buffer): Promise<Phase> {
  return measured(bench.s3Pid, () => withInFlight(SCHOOLS, CONCURRENCY, (index) => bench.s3Client.putObject(bench.store.bucket, `${prefix}/${index}.sauvs`, content, content.length)));
}

function cpuFigures(label: string, phases: Phase[]) {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const s3 = phases.map((phase) => phase.s3CpuMs).filter((value): value is number => value !== null);
  return [
    { label: `CPU per ${label}, bench process`, value: mean(phases.map((phase) => phase.ownCpuMs)), unit: 'ms' },
    ...(s3.length === phases.length ? [{ label: `CPU per ${label}, S3 endpoint process`, value: mean(s3), unit: 'ms' }] : []),
  ];
}

async function main(): Promise<void> {
  const bench = await startBackupsBench({ poolMax: Math.max(5, CONCURRENCY) });
  const redis = new Redis(benchEnv.redisUrl, { maxRetriesPerRequest: null });
  let workers: RunWorkers | undefined;
  try {
    const content = baseContent(BASE_BYTES);
    const schools = Array.from({ length: SCHOOLS }, (_, index) => school(index));
    await schoolsInService(bench, schools, content);

    // The baseline's phases sit right around the slot; minio's, informational, outside them.
    const minioBefore = await minioPutObjects(bench, 'minio-before', content);
    log(`minio putObject before: ${SCHOOLS} × 436 KB in ${minioBefore.ms.toFixed(0)} ms`);
    const rawBefore = await rawPuts(bench, 'raw-before', content);
    log(`raw PUT before: ${SCHOOLS} × 436 KB in ${rawBefore.ms.toFixed(0)} ms`);

    const runs = new RunWorkers(bench.core.runner, bench.logger, { connection: redis, prefix: bench.iso.redisPrefix, concurrency: CONCURRENCY });
    workers = runs;
    const slot = slotFor(new Date());
    const project = await measured(bench.s3Pid, async () => {
      for (let i = 0; i < schools.length; i += 1000) {
        await runs.runsQueue.addBulk(
          schools.slice(i, i + 1000).map(({ baseId }) => ({
            name: JobName.RUN,
            data: { kind: 'backup' as const, baseId, slot: slot.toISOString() },
            opts: { jobId: runIdempotencyKey('backup', baseId, slot), ...runJobOptions() },
          })),
        );
      }
      await untilAllRunsFinished(runs, SCHOOLS);
    });
    const projectMs = project.ms;

    const complete = await bench.prisma.restorePoint.count({ where: { status: 'complete', kind: 'backup' } });
    const failed = await bench.prisma.restorePoint.count({ where: { status: { not: 'complete' } } });
    if (complete !== SCHOOLS || failed !== 0) throw new Error(`${complete} complete and ${failed} not complete of ${SCHOOLS}`);
    log(`slot: ${SCHOOLS} backups taken, verified and recorded complete in ${projectMs.toFixed(0)} ms (${CONCURRENCY} runs in flight)`);

    const rawAfter = await rawPuts(bench, 'raw-after', content);
    log(`raw PUT after: ${SCHOOLS} × 436 KB in ${rawAfter.ms.toFixed(0)} ms`);
    const minioAfter = await minioPutObjects(bench, 'minio-after', content);
    log(`minio putObject after: ${SCHOOLS} × 436 KB in ${minioAfter.ms.toFixed(0)} ms`);
    const minioRate = SCHOOLS / ((minioBefore.ms + minioAfter.ms) / 2 / 1000);

    const projectRate = SCHOOLS / (projectMs / 1000);
    const rawRate = SCHOOLS / ((rawBefore.ms + rawAfter.ms) / 2 / 1000);
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
        { label: 'raw PUT before', value: SCHOOLS / (rawBefore.ms / 1000), unit: 'PUT/s' },
        { label: 'raw PUT after', value: SCHOOLS / (rawAfter.ms / 1000), unit: 'PUT/s' },
        ...cpuFigures('backup', [project]),
        ...cpuFigures('raw PUT', [rawBefore, rawAfter]),
        { label: 'minio putObject (before and after, mean)', value: minioRate, unit: 'PUT/s' },
        { label: 'ratio to minio putObject', value: projectRate / minioRate, unit: '×' },
        ...cpuFigures('minio putObject', [minioBefore, minioAfter]),
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
