import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { loadBackupsConfig } from '../src/config/backups.config.js';
import { MaintenanceWorker, registerMaintenanceSchedulers } from '../src/jobs/maintenance.js';
import { JobName, QueueName } from '../src/jobs/queue-names.js';
import { createRedisConnection } from '../src/jobs/redis-connection.js';
import { waitFor } from '@pronote/testing';
import { type Harness, REDIS_URL, enterData, schoolInService, startHarness } from './support/harness.js';

const UAI = '0750656F';
let h: Harness;
let queue: Queue;
const redis = createRedisConnection(REDIS_URL);
const REQUIRED = { DATABASE_URL: 'postgresql://x@127.0.0.1/test', REDIS_URL, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'bucket' };

beforeAll(async () => {
  h = await startHarness();
  queue = new Queue(QueueName.MAINTENANCE, { connection: redis, prefix: h.iso.redisPrefix });
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await h.close();
});

function patternsOf(env: Record<string, string>) {
  const config = loadBackupsConfig({ ...REQUIRED, ...env });
  return { verify: config.VERIFY_PATTERN, drill: config.DRILL_PATTERN, alerts: config.ALERTS_PATTERN, sweep: config.SWEEP_PATTERN, tz: config.MAINTENANCE_TZ };
}

it('registers the four maintenance schedulers from config, and re-creates them (with a changed pattern) at the next start', async () => {
  await registerMaintenanceSchedulers(queue, patternsOf({}));
  const names = (await queue.getJobSchedulers()).map((scheduler) => scheduler.name).sort();
  expect(names).toEqual([JobName.ALERTS, JobName.SWEEP, JobName.VERIFY, JobName.DRILL].sort());
  expect(await queue.getJobScheduler(JobName.VERIFY)).toMatchObject({ pattern: '15 3 * * *', tz: 'Europe/Paris' });

  await queue.obliterate({ force: true }); // Redis emptied
  await registerMaintenanceSchedulers(queue, patternsOf({ VERIFY_PATTERN: '0 */6 * * *' }));
  expect(await queue.getJobSchedulersCount()).toBe(4);
  expect(await queue.getJobScheduler(JobName.VERIFY)).toMatchObject({ pattern: '0 */6 * * *' });
});

it('refuses a pattern that is not a 5-field cron expression', () => {
  expect(() => patternsOf({ DRILL_PATTERN: 'every night' })).toThrow(/DRILL_PATTERN/);
});

it('the worker runs what a scheduler fires: verification flags a corrupted backup, the sweeper finishes an interrupted pruning', async () => {
  const baseId = randomUUID();
  await schoolInService(h, UAI, baseId);
  enterData(h, UAI, 5);
  const taken = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T08:20:00Z'), skipIfNothingNew: false });
  enterData(h, UAI, 6);
  const interrupted = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T10:20:00Z'), skipIfNothingNew: false });
  if (taken.status !== 'completed' || interrupted.status !== 'completed') throw new Error('backups expected');
  await h.store.putBuffer(taken.point.objectKey, Buffer.from('bit rot'));
  await h.core.points.markPruning(interrupted.point.id); // a crash right after the first pruning step

  const worker = new MaintenanceWorker(h.core, h.logger, { connection: redis, prefix: h.iso.redisPrefix });
  try {
    const verify = await queue.add(JobName.VERIFY, {});
    const sweep = await queue.add(JobName.SWEEP, {});
    await waitFor(async () => ((await queue.getJob(sweep.id!))?.finishedOn && (await queue.getJob(verify.id!))?.finishedOn ? true : undefined), { what: 'both jobs' });
    expect((await h.core.points.findById(taken.point.id))?.status).toBe('corrupt');
    expect(await h.core.points.findById(interrupted.point.id)).toBeNull();
    expect((await h.store.list(`backups/${UAI}/${baseId}/`)).map((object) => object.key)).toEqual([taken.point.objectKey]);
    expect((await queue.getJob(sweep.id!))!.returnvalue).toEqual({ prunings: 1, abandoned: 0 });
  } finally {
    await worker.close();
  }
});
