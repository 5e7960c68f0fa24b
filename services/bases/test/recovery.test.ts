import {
  BASE_STATISTIC_KEYS,
  CreateEmptyBase,
  GetRecovery,
  PrepareNextYear,
  StartRecovery,
  UploadPreparation,
  type RecoveryView,
} from '@pronote/contracts';
import { waitFor } from '@pronote/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { encodeBaseFile } from '../src/domain/base-file-writer.js';
import { QueueName } from '../src/jobs/queue-names.js';
import { type BasesHarness, errorCode, startBasesHarness } from './support/bases-harness.js';

const uai = '0750654D';
const lonely = '0750653C';
const actor = 'school:0750654D';

/** Fiche 7: recovery of last year's data as a BullMQ job with a report; "Préparer l'année suivante". */
describe("recover last year's data", () => {
  let h: BasesHarness;
  let lastYear: { id: string };
  let thisYear: { id: string };
  const notes = 1234;

  beforeAll(async () => {
    h = await startBasesHarness();
    await h.addSchool(uai);
    await h.addSchool(lonely);
    lastYear = await h.send(CreateEmptyBase, { uai, schoolYear: '2022-2023', actor });
    // Last year's base as the runtime persisted it: counters typed in during the year.
    const statistics = BASE_STATISTIC_KEYS.map((key) => (key === 'notes' ? notes : key === 'evaluations' ? 56 : 3));
    const bytes = encodeBaseFile({ uai, schoolYearStart: 2022, pronoteVersion: 2022, createdAt: new Date('2022-08-20T03:00:00Z'), lastEntryAt: new Date('2023-07-01T10:00:00Z'), statistics });
    const content = await h.store.putBuffer(`bases/${uai}/${lastYear.id}/content.hnot`, bytes);
    await h.query(`UPDATE "Base" SET "contentSize" = $2, "contentSha256" = $3 WHERE id = $1`, [lastYear.id, content.size, content.sha256]);
    thisYear = await h.send(CreateEmptyBase, { uai, schoolYear: '2023-2024', actor });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const finished = (recoveryId: string) =>
    waitFor(async () => {
      const view = await h.send(GetRecovery, { uai, recoveryId });
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    }, { what: 'the recovery job to finish' });

  it('recovers the chosen categories from the previous year base, with a report; the same key recovers once', async () => {
    const request = { uai, baseId: thisYear.id, actor, source: { kind: 'previous-year' as const }, categories: ['notations', 'competences', 'etablissement'], idempotencyKey: 'rentree-2023-a' };
    const [first, again] = await Promise.all([h.send(StartRecovery, request), h.send(StartRecovery, request)]);
    expect(again.id).toBe(first.id);
    const done: RecoveryView = await finished(first.id);
    expect(done.status).toBe('completed');
    expect(done.report).toMatchObject({ from: { schoolYear: '2022-2023', pronoteVersion: 2022, source: 'previous-year' }, totalItems: notes + 56 + 3 });
    expect(done.report!.categories.map((c) => [c.id, c.items])).toEqual([
      ['competences', 56],
      ['etablissement.certificats-netsynchro', 1],
      ['etablissement.en-tetes', 1],
      ['etablissement.identite', 1],
      ['notations', notes],
    ]);
    expect(await h.store.stat(`bases/${uai}/${thisYear.id}/recovered/${first.id}.json`)).toBeGreaterThan(0);

    expect((await h.send(StartRecovery, request)).id).toBe(first.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.query(`SELECT id FROM "BaseHistory" WHERE action = 'base.data_recovered'`)).toHaveLength(1);
    expect(await h.query(`SELECT id FROM "Recovery"`)).toHaveLength(1);
  });

  it('refuses bad requests with a clear code and records nothing', async () => {
    const base = { uai, baseId: thisYear.id, actor, source: { kind: 'previous-year' as const }, idempotencyKey: 'refused-0001' };
    expect(await errorCode(h.send(StartRecovery, { ...base, categories: ['notes-du-brevet'] }))).toBe('RECOVERY_CATEGORY_UNKNOWN');
    expect(await errorCode(h.send(StartRecovery, { ...base, categories: [] }))).toBe('RECOVERY_SELECTION_EMPTY');
    expect(await errorCode(h.send(StartRecovery, { ...base, baseId: lastYear.id, categories: ['notations'] }))).toBe('BASE_READ_ONLY');
    const alone = await h.send(CreateEmptyBase, { uai: lonely, schoolYear: '2023-2024', actor });
    expect(await errorCode(h.send(StartRecovery, { ...base, uai: lonely, baseId: alone.id, categories: ['notations'] }))).toBe('RECOVERY_SOURCE_NOT_FOUND');
    expect(await errorCode(h.send(StartRecovery, { ...base, source: { kind: 'preparation', preparationId: crypto.randomUUID() }, categories: ['notations'] }))).toBe('PREPARATION_NOT_FOUND');
    expect(await h.query(`SELECT id FROM "Recovery" WHERE "idempotencyKey" = 'refused-0001'`)).toEqual([]);
  });

  it('"Préparer l\'année suivante" gives a downloadable preparation file, and a recovery from it reads the same data', async () => {
    const prepared = await h.send(PrepareNextYear, { uai, baseId: lastYear.id, actor });
    expect(prepared.preparation).toMatchObject({ schoolYear: '2022-2023', origin: 'prepared', fromBaseId: lastYear.id });
    const file = await (await fetch(prepared.downloadUrl)).json();
    expect(file).toMatchObject({ format: 'pronote-preparation', version: 1, uai, schoolYear: '2022-2023', data: { notations: { items: notes } } });

    const recovery = await h.send(StartRecovery, {
      uai, baseId: thisYear.id, actor, source: { kind: 'preparation', preparationId: prepared.preparation.id }, categories: ['notations', 'photos'], idempotencyKey: 'from-file-0001',
    });
    const done = await finished(recovery.id);
    expect(done.report).toMatchObject({ from: { schoolYear: '2022-2023', source: 'preparation' }, totalItems: notes + 3 });

    // A file made elsewhere ("généré en local") is uploaded, checked, then usable the same way.
    const uploaded = await h.send(UploadPreparation, { uai, actor, file });
    expect(uploaded).toMatchObject({ origin: 'uploaded', schoolYear: '2022-2023' });
    expect(await errorCode(h.send(UploadPreparation, { uai: lonely, actor, file }))).toBe('PREPARATION_WRONG_SCHOOL');
    expect(await errorCode(h.send(UploadPreparation, { uai, actor, file: { format: 'something-else' } }))).toBe('PREPARATION_FILE_INVALID');
  });

  it("reads last year's base where its content is when the job runs, even when a restore moved it after the request", async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.RECOVERY, { connection: redis, prefix: h.redisPrefix });
    let recoveryId: string;
    await queue.pause();
    try {
      const request = { uai, baseId: thisYear.id, actor, source: { kind: 'previous-year' as const }, categories: ['notations'], idempotencyKey: 'after-restore-0001' };
      recoveryId = (await h.send(StartRecovery, request)).id;
      // What a restore of last year's base does meanwhile: a new content object, the replaced one removed.
      const [{ contentKey }] = await h.query<{ contentKey: string }>(`SELECT "contentKey" FROM "Base" WHERE id = $1`, [lastYear.id]);
      const restoredKey = `bases/${uai}/${lastYear.id}/content-restored.hnot`;
      await h.store.copy(contentKey, restoredKey);
      await h.query(`UPDATE "Base" SET "contentKey" = $2 WHERE id = $1`, [lastYear.id, restoredKey]);
      await h.store.remove(contentKey);
    } finally {
      await queue.resume();
    }
    try {
      const done = await finished(recoveryId);
      expect(done.status).toBe('completed');
      expect(done.report!.categories.map((c) => [c.id, c.items])).toEqual([['notations', notes]]);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});
