import { randomUUID } from 'node:crypto';
import { deleteRedisKeys, deleteStream, waitFor } from '@pronote/testing';
import { Queue } from 'bullmq';
import { runIdempotencyKey } from '../src/domain/schedule.js';
import { JobName, QueueName, type RunData } from '../src/jobs/queue-names.js';
import { createRedisConnection } from '../src/jobs/redis-connection.js';
import { enqueueRunForTick, runJobOptions } from '../src/runs/tick.js';
import { backupsProcess } from './support/backups-process.js';
import { type Harness, REDIS_URL, enterData, schoolInService, startHarness } from './support/harness.js';

const UAI = '0750657G';
let h: Harness;
let runs: Queue<RunData>;
const redis = createRedisConnection(REDIS_URL);
/**
 * A killed worker's run is taken again after 5 s, not the production minute. Not much less: the lock is
 * renewed every half of it, and a renewal late by more than that on a loaded host counts as a stall too
 * (a second one fails the job).
 */
const FAST_RECOVERY = { BACKUP_RUN_LOCK_MS: '5000', BACKUP_RUN_STALLED_CHECK_MS: '1000' };

beforeAll(async () => {
  h = await startHarness();
  runs = new Queue<RunData>(QueueName.RUNS, { connection: redis, prefix: h.iso.redisPrefix });
});
afterAll(async () => {
  await runs.close();
  redis.disconnect();
  // Every queue the backups processes made (runs, schedules, maintenance).
  await deleteRedisKeys(h.iso.id, REDIS_URL);
  await deleteStream(h.iso.stream);
  await h.close();
}, 60_000);

async function objectsOf(baseId: string): Promise<string[]> {
  return (await h.store.list(`backups/${UAI}/${baseId}/`)).map((object) => object.key).sort();
}

it('a worker killed with SIGKILL mid-snapshot: nothing half-written is listed, the retried job completes after restart, one backup for the slot, no orphan after the sweeper', async () => {
  const baseId = randomUUID();
  await schoolInService(h, UAI, baseId);
  // Out of service in the registry so the service's own cron schedulers stay out of this test's way.
  await h.core.bases.upsert({ baseId, uai: UAI, name: 'Base année 2022-2023', schoolYear: '2022-2023', inService: false, monitoredSince: new Date() });
  enterData(h, UAI, 77);
  const expectedBytes = h.runtime.bases.get(UAI)!.content;
  h.runtime.snapshotDelayMs = 10_000; // the object is written, the reply comes long after the kill

  const first = await backupsProcess(h, FAST_RECOVERY);
  try {
    await first.service.waitReady(60_000);
    const slot = new Date('2022-06-20T08:20:00Z');
    const jobId = runIdempotencyKey('backup', baseId, slot);
    await runs.add(JobName.RUN, { kind: 'backup', baseId, slot: slot.toISOString() }, { jobId, ...runJobOptions() });
    await waitFor(() => (h.runtime.snapshots === 1 ? true : undefined), { timeoutMs: 30_000, what: 'the snapshot in progress' });
    await first.service.kill();

    // Killed mid-job: the object exists, its record is pending, and the school sees nothing.
    expect(await objectsOf(baseId)).toHaveLength(1);
    expect((await h.prisma.restorePoint.findMany({ where: { baseId } })).map((row) => row.status)).toEqual(['pending']);
    expect((await h.core.console.list(UAI)).rows).toEqual([]);

    h.runtime.snapshotDelayMs = 0;
    const second = await backupsProcess(h, FAST_RECOVERY);
    try {
      await second.service.waitReady(60_000);
      const job = await waitFor(async () => {
        const current = await runs.getJob(jobId);
        return current?.finishedOn ? current : undefined;
      }, { timeoutMs: 30_000, what: 'the retried run' });
      expect(job.returnvalue).toBe('completed');
      // A late duplicate tick of the same slot adds no run.
      await enqueueRunForTick(runs, { name: JobName.BACKUP_TICK, data: { baseId }, opts: { prevMillis: Date.parse('2022-06-20T08:27:00Z') }, timestamp: Date.now() });
      expect((await runs.getJob(jobId))?.finishedOn).toBe(job.finishedOn);
    } finally {
      await second.service.stop();
    }

    const rows = await h.prisma.restorePoint.findMany({ where: { baseId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'complete', attempts: 2 });
    expect(h.runtime.snapshots).toBe(2);
    const listing = await h.core.console.list(UAI);
    expect(listing.rows).toHaveLength(1);

    await h.core.retention.sweep(new Date(), 0);
    expect(await objectsOf(baseId)).toEqual([rows[0]!.objectKey]);
    expect((await h.store.sha256Of(rows[0]!.objectKey)).sha256).toBe(rows[0]!.sha256);
    expect((await h.store.sha256Of(rows[0]!.objectKey)).size).toBe(expectedBytes.length);
  } finally {
    await first.service.stop();
  }
}, 180_000);

it('a run no attempt will finish (worker killed, job gone): the sweeper marks it failed for the operator and removes its object', async () => {
  const baseId = randomUUID();
  await schoolInService(h, UAI, baseId);
  const slot = new Date('2022-06-21T08:20:00Z');
  const point = await h.core.points.claimRun({ uai: UAI, baseId, kind: 'backup', slot, fileName: 'x.sauvs', objectKey: `backups/${UAI}/${baseId}/abandoned.sauvs` });
  await h.store.putBuffer(point.objectKey, Buffer.from('half of a snapshot'));

  expect(await h.core.retention.sweep(new Date(), 6 * 3_600_000)).toEqual({ prunings: 0, abandoned: 0 }); // still young: a retry may come
  expect(await objectsOf(baseId)).toEqual([point.objectKey]);
  expect(await h.core.retention.sweep(new Date(Date.now() + 7 * 3_600_000))).toEqual({ prunings: 0, abandoned: 1 });
  expect(await objectsOf(baseId)).toEqual([]);
  expect((await h.core.operator.failures({ uai: UAI, limit: 10 })).failures).toEqual([
    expect.objectContaining({ restorePointId: point.id, lastError: expect.stringMatching(/^BACKUP_RUN_ABANDONED/) }),
  ]);
});
