import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { BaseServiceStarted, BaseServiceStopped, makeEnvelope } from '@pronote/contracts';
import { runIdempotencyKey, schedulerRepeatFor } from '../src/domain/schedule.js';
import { JobName, QueueName } from '../src/jobs/queue-names.js';
import { createRedisConnection } from '../src/jobs/redis-connection.js';
import { enqueueRunForTick } from '../src/runs/tick.js';
import { applyBaseEvent } from '../src/schedules/base-events.js';
import { ScheduleRegistrar, backupSchedulerId } from '../src/schedules/schedule-registrar.js';
import { type Harness, REDIS_URL, startHarness } from './support/harness.js';

let h: Harness;
let schedules: Queue;
let runs: Queue;
const redis = createRedisConnection(REDIS_URL);

beforeAll(async () => {
  h = await startHarness();
  schedules = new Queue(QueueName.SCHEDULES, { connection: redis, prefix: h.iso.redisPrefix });
  runs = new Queue(QueueName.RUNS, { connection: redis, prefix: h.iso.redisPrefix });
});
afterAll(async () => {
  await schedules.obliterate({ force: true });
  await runs.obliterate({ force: true });
  await Promise.all([schedules.close(), runs.close()]);
  redis.disconnect();
  await h.close();
});

function baseRef(baseId: string) {
  return { baseId, uai: '0750654D', schoolYear: '2022-2023', name: 'Base année 2022-2023', contentKey: `bases/0750654D/${baseId}/content.hnot` };
}

it('adds the schedulers when a base goes in service (once per event), removes them when it stops', async () => {
  const registrar = new ScheduleRegistrar(schedules, h.core.bases);
  const baseId = randomUUID();
  const started = { envelope: makeEnvelope(BaseServiceStarted, { ...baseRef(baseId), startedAt: new Date().toISOString() }, { correlationId: 'c' }), contract: BaseServiceStarted, deliveryCount: 1 };
  await applyBaseEvent(started, h.core.bases, registrar);
  await applyBaseEvent({ ...started, deliveryCount: 2 }, h.core.bases, registrar);

  const scheduler = await schedules.getJobScheduler(backupSchedulerId(baseId));
  const expected = schedulerRepeatFor(baseId);
  expect(scheduler).toMatchObject({ pattern: expected.pattern, tz: 'Europe/Paris' });
  expect(await schedules.getJobSchedulersCount()).toBe(2);

  const stopped = { envelope: makeEnvelope(BaseServiceStopped, { ...baseRef(baseId), stoppedAt: new Date().toISOString(), reason: 'manager' }, { correlationId: 'c' }), contract: BaseServiceStopped, deliveryCount: 1 };
  await applyBaseEvent(stopped, h.core.bases, registrar);
  expect(await schedules.getJobSchedulersCount()).toBe(0);
  expect((await h.core.bases.find(baseId))?.inService).toBe(false);
});

it('re-creates every schedule from Postgres after Redis was emptied', async () => {
  const registrar = new ScheduleRegistrar(schedules, h.core.bases);
  const ids = Array.from({ length: 30 }, () => randomUUID());
  for (const baseId of ids) {
    await h.core.bases.upsert({ baseId, uai: '0750654D', name: 'Base', schoolYear: '2022-2023', inService: true, monitoredSince: new Date() });
  }
  await registrar.recreateAll();
  expect(await schedules.getJobSchedulersCount()).toBe(60);
  await schedules.obliterate({ force: true }); // what a Redis flush leaves: nothing
  expect(await schedules.getJobSchedulersCount()).toBe(0);
  expect(await registrar.recreateAll()).toBe(30);
  expect(await schedules.getJobSchedulersCount()).toBe(60);
});

it('a tick becomes the run of its slot (controllable clock): hh:20 backups and 02:37 archives, one job per slot', async () => {
  const baseId = randomUUID();
  // Fired 7 min after the 04:20 Paris slot (its spread offset), handled whenever the worker gets to it.
  const backupTick = { name: JobName.BACKUP_TICK, data: { baseId }, opts: { prevMillis: Date.parse('2022-06-23T02:27:00Z') }, timestamp: Date.now() };
  const first = await enqueueRunForTick(runs, backupTick);
  await enqueueRunForTick(runs, backupTick);
  expect(first).toMatchObject({ kind: 'backup', slot: '2022-06-23T02:20:00.000Z', jobId: runIdempotencyKey('backup', baseId, new Date('2022-06-23T02:20:00Z')) });
  const archive = await enqueueRunForTick(runs, { ...backupTick, name: JobName.ARCHIVE_TICK, opts: { prevMillis: Date.parse('2022-06-23T00:40:00Z') } });
  expect(archive.slot).toBe('2022-06-23T00:37:00.000Z');
  const jobs = await runs.getJobs(['waiting', 'delayed', 'prioritized']);
  expect(jobs.filter((job) => job.data.baseId === baseId).map((job) => job.id).sort()).toEqual([archive.jobId, first.jobId].sort());
});
