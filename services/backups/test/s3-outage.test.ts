import { randomUUID } from 'node:crypto';
import { BackupsErrorCodes } from '@pronote/contracts';
import { startEmbeddedS3 } from '@pronote/storage';
import { deleteRedisKeys, deleteStream, waitFor } from '@pronote/testing';
import { JobName, type RunData } from '../src/jobs/queue-names.js';
import { createRedisConnection } from '../src/jobs/redis-connection.js';
import { RunWorkers } from '../src/runs/runs.processor.js';
import { runIdempotencyKey } from '../src/domain/schedule.js';
import { runJobOptions } from '../src/runs/tick.js';
import { backupsProcess, readiness } from './support/backups-process.js';
import { type Harness, REDIS_URL, S3_KEYS, enterData, objectStoreFor, schoolInService, startHarness } from './support/harness.js';

const UAI = '0750655E';
let h: Harness;
const redis = createRedisConnection(REDIS_URL);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  redis.disconnect();
  // Every queue the backups process made (runs, schedules, maintenance), not only the runs.
  await deleteRedisKeys(h.iso.id, REDIS_URL);
  await deleteStream(h.iso.stream);
  await h.close();
});

/**
 * Retries 0.3 s, 0.6 s, 1.2 s… apart: the run is still retrying when the test brings S3 back, however
 * slow the steps before (6 attempts gave up 9 s after the first failure).
 */
const RETRY = { attempts: 10, backoffMs: 300 };

let s3Running = true;

async function stopS3(): Promise<void> {
  await h.s3.close();
  s3Running = false;
}

/** Same port and folder: what a MinIO restart looks like to the service. */
async function restartS3(): Promise<void> {
  if (s3Running) return;
  h.s3 = await startEmbeddedS3({ directory: h.s3.directory, port: h.s3.port, ...S3_KEYS });
  s3Running = true;
}

it('a run while S3 is unreachable fails with a clear reason, is visible to the operator, and completes on a retry once S3 is back', async () => {
  const baseId = randomUUID();
  await schoolInService(h, UAI, baseId);
  enterData(h, UAI, 42);
  const workers = new RunWorkers(h.core.runner, h.logger, { connection: redis, prefix: h.iso.redisPrefix, concurrency: 1, retry: RETRY });
  try {
    await stopS3();
    const slot = new Date('2022-06-20T08:20:00Z');
    const data: RunData = { kind: 'backup', baseId, slot: slot.toISOString() };
    const job = await workers.runsQueue.add(JobName.RUN, data, { jobId: runIdempotencyKey('backup', baseId, slot), ...runJobOptions(RETRY) });

    const failure = await waitFor(async () => (await h.core.operator.failures({ limit: 10 })).failures[0], { what: 'the failure listed' });
    expect(failure).toMatchObject({ uai: UAI, baseId, kind: 'backup', slot: slot.toISOString() });
    expect(failure.lastError).toMatch(new RegExp(`^${BackupsErrorCodes.STORAGE_UNAVAILABLE}: object storage unreachable`));
    const failedEvent = await h.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'hosting.backup.failed.v1' } });
    expect((failedEvent.envelope as { payload: unknown }).payload).toMatchObject({ code: BackupsErrorCodes.STORAGE_UNAVAILABLE, willRetry: true, baseId });
    // The runtime's write failed (S3 down) and the bucket check after it named the cause; nothing is listed.
    expect((await h.core.console.list(UAI)).rows).toHaveLength(0);
    await waitFor(async () => ((await job.getState()) === 'delayed' ? true : undefined), { what: 'the retry waiting its backoff' });

    await restartS3();
    await waitFor(async () => ((await workers.runsQueue.getJob(job.id!))?.finishedOn ? true : undefined), { timeoutMs: 30_000, what: 'the retried run' });
    const finished = (await workers.runsQueue.getJob(job.id!))!;
    expect(finished.returnvalue).toBe('completed');
    expect(finished.attemptsMade).toBeGreaterThan(1);
    expect((await h.core.console.list(UAI)).rows).toHaveLength(1);
    expect(await h.store.list(`backups/${UAI}/${baseId}/`)).toHaveLength(1);
    expect((await h.core.operator.failures({ limit: 10 })).failures).toEqual([]);
  } finally {
    await workers.close();
    await restartS3();
  }
}, 60_000);

it('the service starts with S3 down: readiness says s3 down, then up and the bucket exists once S3 answers', async () => {
  await stopS3();
  const { service, port } = await backupsProcess(h, { S3_BUCKET: `${h.iso.bucket}-late` });
  try {
    // Nest listens once bootstrap is done: the first answer already carries every check.
    const down = await waitFor(() => readiness(port).catch(() => undefined), { timeoutMs: 60_000, what: 'the service answering its readiness probe' });
    expect(down.status).toBe(503);
    expect(down.body.checks['s3']).toBe('down');
    expect(service.pid).toBeDefined();

    await restartS3();
    await service.waitReady(30_000);
    expect((await readiness(port)).body.checks['s3']).toBe('up');
    const lateBucket = objectStoreFor(h.s3.port, `${h.iso.bucket}-late`);
    await expect(lateBucket.list('')).resolves.toEqual([]);
  } finally {
    await service.stop();
    await restartS3();
  }
}, 90_000);
