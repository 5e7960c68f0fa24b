import { baseContentKey, CreateEmptyBase, restoredContentKey } from '@pronote/contracts';
import { createLogger } from '@pronote/observability';
import type { ObjectStore } from '@pronote/storage';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BasesConfig } from '../src/config/bases.config.js';
import { BasesRepository } from '../src/lifecycle/bases.repository.js';
import { RestoredContentService } from '../src/lifecycle/restored-content.service.js';
import { SchoolLocks } from '../src/school-locks/school-locks.js';
import { SchoolLocksRepository } from '../src/school-locks/school-locks.repository.js';
import { type BasesHarness, startBasesHarness } from './support/bases-harness.js';

const uai = '0750654D';
const actor = 'operator';

/** The real S3 store, whose removals wait until the test lets them through. */
function heldRemovals(store: ObjectStore) {
  const requested: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = Object.create(store, {
    remove: {
      value: async (key: string) => {
        requested.push(key);
        await released;
        await store.remove(key);
      },
    },
  }) as ObjectStore;
  return { held, requested, release };
}

/** Recording a restore's content: the answer does not wait for the removal of the object it replaces. */
describe('bases: restored content', () => {
  let h: BasesHarness;

  beforeAll(async () => {
    h = await startBasesHarness();
    await h.addSchool(uai);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('records the new content and answers while the replaced object is still being removed; a graceful stop waits for the removal', async () => {
    const base = await h.send(CreateEmptyBase, { uai, schoolYear: '2023-2024', actor });
    const replaced = baseContentKey(uai, base.id);
    const staged = await h.store.putBuffer(restoredContentKey(uai, base.id, randomUUID()), Buffer.from('restored content'));
    const removals = heldRemovals(h.store);
    const config = { RUNTIME_TIMEOUT_MS: 800, SCHOOL_LOCK_MARGIN_MS: 1000 } as BasesConfig;
    const service = new RestoredContentService(
      new BasesRepository(h.prisma),
      new SchoolLocks(new SchoolLocksRepository(h.prisma), config),
      removals.held,
      createLogger({ service: 'bases-test', level: 'warn' }),
    );

    const content = { key: staged.key, size: staged.size, sha256: staged.sha256 };
    const recording = service.record({ uai, baseId: base.id, content, lastEntryAt: null, restorePointId: randomUUID(), restoredFileName: 'b.sauvs', actor });
    // The removal is held until released below: any bound shows the answer does not wait for it; a
    // generous one keeps a slow recording on a loaded host from reading as a wait.
    const answer = await Promise.race([recording, sleep(15_000).then(() => 'no answer while the removal is held')]);

    expect(answer).toEqual({ baseId: base.id, state: 'stopped', content });
    const [row] = await h.query<{ contentKey: string }>(`SELECT "contentKey" FROM "Base" WHERE id = $1`, [base.id]);
    expect(row!.contentKey).toBe(staged.key);
    expect(removals.requested).toEqual([replaced]);
    expect(await h.store.stat(replaced)).toBeGreaterThan(0);

    const stopped = service.onApplicationShutdown();
    removals.release();
    await Promise.all([stopped, recording]);
    expect(await h.store.stat(replaced)).toBeNull();
    expect(await h.store.stat(staged.key)).toBe(staged.size);
  });
});
