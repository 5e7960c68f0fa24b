import { baseContentKey, CreateEmptyBase, restoredContentKey } from '@pronote/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ContentSweep } from '../src/content-sweep/content-sweep.js';
import { JobName, QueueName } from '../src/jobs/queue-names.js';
import { BasesRepository } from '../src/lifecycle/bases.repository.js';
import { type BasesHarness, startBasesHarness } from './support/bases-harness.js';

const uai = '0750654D';
const actor = 'operator';
const GRACE_MS = 60 * 60_000;

/** Content objects no base points to (an interrupted restore, a failed removal) are removed once old enough. */
describe('bases: content sweep', () => {
  let h: BasesHarness;

  beforeAll(async () => {
    h = await startBasesHarness();
    await h.addSchool(uai);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('removes the replaced and the staged-but-never-recorded content, keeps the current content and every other object', async () => {
    const base = await h.send(CreateEmptyBase, { uai, schoolYear: '2023-2024', actor });
    const original = baseContentKey(uai, base.id);
    expect(await h.store.stat(original)).toBeGreaterThan(0);
    // A restore that went through: its staged object is now the base's content (the original is left behind).
    const restored = restoredContentKey(uai, base.id, randomUUID());
    await h.store.putBuffer(restored, Buffer.from('restored content'));
    await h.query(`UPDATE "Base" SET "contentKey" = $2 WHERE id = $1`, [base.id, restored]);
    // A restore whose backups service stopped between staging and recording.
    const abandoned = restoredContentKey(uai, base.id, randomUUID());
    await h.store.putBuffer(abandoned, Buffer.from('never recorded'));
    const annex = `bases/${uai}/${base.id}/annexes/logo.png`;
    await h.store.putBuffer(annex, Buffer.from('annex'));

    const sweep = new ContentSweep(new BasesRepository(h.prisma), h.store, GRACE_MS);
    // Within the grace period a staged object may still be recorded by a restore in progress: nothing goes.
    expect(await sweep.sweep(new Date())).toEqual({ examined: 0, removed: [] });
    expect(await h.store.stat(abandoned)).toBeGreaterThan(0);

    const later = await sweep.sweep(new Date(Date.now() + GRACE_MS + 60_000));
    expect(later.examined).toBe(3);
    expect(later.removed.sort()).toEqual([abandoned, original].sort());
    expect(await h.store.stat(original)).toBeNull();
    expect(await h.store.stat(abandoned)).toBeNull();
    expect(await h.store.stat(restored)).toBeGreaterThan(0);
    expect(await h.store.stat(annex)).toBeGreaterThan(0);
  });

  it('is scheduled by the service at start, from its configured pattern', async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.CONTENT_SWEEP, { connection: redis, prefix: h.redisPrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz }))).toEqual([{ key: JobName.SWEEP_CONTENT, pattern: '25 4 * * *', tz: 'Europe/Paris' }]);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});
