import { createHash, randomUUID } from 'node:crypto';
import { baseContentKey, BackupsErrorCodes, isBaseContentKey, restoredContentKey, RuntimeErrorCode } from '@pronote/contracts';
import { nextSlots } from '../src/domain/schedule.js';
import { enterData, type Harness, schoolInService, startHarness } from './support/harness.js';
import { readAll } from './support/runtime-double.js';

const UAI = '0750654D';
let h: Harness;
let baseId: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  baseId = randomUUID();
  await schoolInService(h, UAI, baseId);
});
afterEach(async () => {
  await h.prisma.restorePoint.deleteMany({});
  await h.prisma.scheduledBase.deleteMany({});
});

const slots = () => nextSlots(new Date('2022-06-20T00:00:00Z'), 20);

async function takeBackups(from: number, to: number): Promise<void> {
  for (let index = from; index < to; index += 1) {
    const slot = slots()[index]!;
    enterData(h, UAI, 100 + index);
    const outcome = await h.core.runner.run({ kind: 'backup', baseId, slot, skipIfNothingNew: true });
    expect(outcome.status).toBe('completed');
  }
}

async function objectKeys(): Promise<string[]> {
  return (await h.store.list(`backups/${UAI}/${baseId}/`)).map((object) => object.key).sort();
}

it('keeps 12 backups: the 13th prunes the oldest record and its object together', async () => {
  await takeBackups(0, 12);
  expect((await h.core.console.list(UAI)).title).toBe('Sauvegardes (12) et archives (0)');
  await takeBackups(12, 13);
  const listing = await h.core.console.list(UAI);
  expect(listing.title).toBe('Sauvegardes (12) et archives (0)');
  const keys = await objectKeys();
  expect(keys).toHaveLength(12);
  const records = await h.prisma.restorePoint.findMany({ where: { baseId } });
  expect(records.map((record) => record.objectKey).sort()).toEqual(keys);
  expect(records.some((record) => record.slot.getTime() === slots()[0]!.getTime())).toBe(false);
  // The rotating index wrapped: the 13th backup is named …01 again, as the seed's listing.
  expect(listing.rows[0]!.name).toBe('Base année 2022-202301.sauvs');
  expect(await h.prisma.outboxEvent.count({ where: { subject: 'hosting.backup.pruned.v1' } })).toBeGreaterThanOrEqual(1);
});

it('the same slot run twice gives one backup; a slot with nothing new is skipped', async () => {
  const [slot, next] = slots();
  enterData(h, UAI, 7);
  const first = await h.core.runner.run({ kind: 'backup', baseId, slot: slot!, skipIfNothingNew: true });
  const again = await h.core.runner.run({ kind: 'backup', baseId, slot: slot!, skipIfNothingNew: true });
  expect(again).toEqual({ status: 'already_complete', point: expect.objectContaining({ id: first.status === 'completed' ? first.point.id : '' }) });
  expect(await h.core.runner.run({ kind: 'backup', baseId, slot: next!, skipIfNothingNew: true })).toEqual({ status: 'skipped_nothing_new' });
  expect(await objectKeys()).toHaveLength(1);
});

it('restores the exact snapshot bytes, refuses while in service unless confirmed, and keeps a safety backup as undo', async () => {
  enterData(h, UAI, 1);
  const snapshotBytes = h.runtime.bases.get(UAI)!.content;
  const first = await h.core.runner.run({ kind: 'backup', baseId, slot: slots()[0]!, skipIfNothingNew: true });
  if (first.status !== 'completed') throw new Error('backup expected');
  enterData(h, UAI, 2);
  const bytesBeforeRestore = h.runtime.bases.get(UAI)!.content;

  const preview = await h.core.console.preview(UAI, first.point.id);
  expect(preview.baseInService).toBe(true);
  expect(preview.dropped.length).toBeGreaterThan(0);

  const request = { uai: UAI, restorePointId: first.point.id, confirmStop: false, acknowledgeCorrupt: false, actor: 'manager' };
  await expect(h.core.restore.restore(request)).rejects.toMatchObject({ code: BackupsErrorCodes.BASE_IN_SERVICE });
  expect(h.runtime.bases.get(UAI)!.content.equals(bytesBeforeRestore)).toBe(true);
  expect((await h.core.console.list(UAI)).rows).toHaveLength(1);

  const restored = await h.core.restore.restore({ ...request, confirmStop: true });
  expect(h.runtime.bases.get(UAI)!.state).toBe('stopped');
  expect(h.runtime.bases.get(UAI)!.content.equals(snapshotBytes)).toBe(true);
  expect(await h.prisma.outboxEvent.count({ where: { subject: 'hosting.restore.completed.v1' } })).toBe(1);

  // The safety backup is listed and brings back what the restore replaced.
  const listing = await h.core.console.list(UAI);
  expect(listing.rows.map((row) => row.kind).sort()).toEqual(['backup', 'safety']);
  // bases is told the new content object (the copy the runtime staged under the base's folder), so the
  // next putting in service verifies the restored bytes.
  const restoredDigest = createHash('sha256').update(snapshotBytes).digest('hex');
  const recorded = h.runtime.restoredContents.at(-1)!;
  expect(recorded).toMatchObject({ baseId, restorePointId: first.point.id, content: { size: snapshotBytes.length, sha256: restoredDigest } });
  expect(recorded.content.key).not.toBe(baseContentKey(UAI, baseId));
  expect(isBaseContentKey(UAI, baseId, recorded.content.key)).toBe(true);
  expect((await readAll(h.store, recorded.content.key)).equals(snapshotBytes)).toBe(true);
  // The undo, even within the same second, keeps its own safety backup of what it replaces.
  const undone = await h.core.restore.restore({ ...request, restorePointId: restored.safetyRestorePointId });
  expect(h.runtime.bases.get(UAI)!.content.equals(bytesBeforeRestore)).toBe(true);
  expect(undone.safetyRestorePointId).not.toBe(restored.safetyRestorePointId);
  expect((await h.core.console.detail(UAI, undone.safetyRestorePointId)).sha256).toBe(restoredDigest);
});

it('detects a corrupted object, flags it in the listing and refuses to restore it without acknowledgement', async () => {
  enterData(h, UAI, 3);
  const taken = await h.core.runner.run({ kind: 'backup', baseId, slot: slots()[0]!, skipIfNothingNew: true });
  if (taken.status !== 'completed') throw new Error('backup expected');
  await h.store.putBuffer(taken.point.objectKey, Buffer.from('bit rot'));

  const report = await h.core.verification.verifyAll();
  expect(report.corrupt).toEqual([taken.point.id]);
  expect((await h.core.console.list(UAI)).rows[0]).toMatchObject({ id: taken.point.id, status: 'corrupt' });
  expect(await h.prisma.outboxEvent.count({ where: { subject: 'hosting.backup.corrupt.v1' } })).toBeGreaterThanOrEqual(1);

  h.runtime.bases.get(UAI)!.state = 'stopped';
  const request = { uai: UAI, restorePointId: taken.point.id, confirmStop: true, acknowledgeCorrupt: false, actor: 'manager' };
  await expect(h.core.restore.restore(request)).rejects.toMatchObject({ code: BackupsErrorCodes.CORRUPT_NOT_ACKNOWLEDGED });
  // Acknowledged, the sha256 check still refuses bytes that are not the backup's.
  await expect(h.core.restore.restore({ ...request, acknowledgeCorrupt: true })).rejects.toMatchObject({ code: BackupsErrorCodes.CHECKSUM_MISMATCH });
});

it('an archive holds the base and its annex files, each verified, with a presigned download link', async () => {
  await h.store.putBuffer(`bases/${UAI}/${baseId}/annexes/photo-eleve.jpg`, Buffer.from('jpeg bytes'));
  await h.store.putBuffer(baseContentKey(UAI, baseId), Buffer.from('live content'));
  // A restore's content object (staged or recorded) is the base, not an annex file.
  await h.store.putBuffer(restoredContentKey(UAI, baseId, randomUUID()), Buffer.from('restored content'));
  const archive = await h.core.runner.run({ kind: 'archive', baseId, slot: new Date('2022-06-23T00:37:00Z'), skipIfNothingNew: true });
  if (archive.status !== 'completed') throw new Error('archive expected');
  expect(archive.point.fileName).toBe('Base année 2022-2023_20220623_02h37.archs');
  expect(archive.point.annexes.map((annex) => annex.name)).toEqual(['annexes/photo-eleve.jpg']);
  const link = await h.core.console.downloadLink(UAI, archive.point.id);
  const response = await fetch(link.annexes[0]!.url);
  expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('jpeg bytes');
  expect((await h.core.console.list(UAI)).title).toBe('Sauvegardes (0) et archives (1)');
});

/** What the restore left under the base's folder as content objects other than the original one. */
async function stagedContents(): Promise<string[]> {
  return (await h.store.list(`bases/${UAI}/${baseId}/content/`)).map((object) => object.key);
}

it('a point that no longer matches is caught before the stop: marked corrupt with its event, the live base served and nothing staged', async () => {
  enterData(h, UAI, 4);
  const taken = await h.core.runner.run({ kind: 'backup', baseId, slot: slots()[0]!, skipIfNothingNew: true });
  if (taken.status !== 'completed') throw new Error('backup expected');
  enterData(h, UAI, 5);
  const live = h.runtime.bases.get(UAI)!.content;
  await h.store.putBuffer(taken.point.objectKey, Buffer.from('bit rot'));
  const corruptEvents = () => h.prisma.outboxEvent.count({ where: { subject: 'hosting.backup.corrupt.v1' } });
  const [eventsBefore, recordedBefore] = [await corruptEvents(), h.runtime.restoredContents.length];

  const request = { uai: UAI, restorePointId: taken.point.id, confirmStop: true, acknowledgeCorrupt: false, actor: 'manager' };
  await expect(h.core.restore.restore(request)).rejects.toMatchObject({
    code: BackupsErrorCodes.CHECKSUM_MISMATCH,
    details: { key: taken.point.objectKey, problem: 'size_mismatch' },
  });

  expect(h.runtime.bases.get(UAI)).toMatchObject({ state: 'in_service', content: live });
  expect((await h.core.console.list(UAI)).rows).toEqual([expect.objectContaining({ id: taken.point.id, status: 'corrupt' })]);
  expect(await corruptEvents()).toBe(eventsBefore + 1);
  expect(await stagedContents()).toEqual([]);
  expect(h.runtime.restoredContents).toHaveLength(recordedBefore);
});

it('an archive whose annex file no longer matches is refused before the stop, its staged copy removed', async () => {
  await h.store.putBuffer(`bases/${UAI}/${baseId}/annexes/photo-eleve.jpg`, Buffer.from('jpeg bytes'));
  const archive = await h.core.runner.run({ kind: 'archive', baseId, slot: new Date('2022-06-23T00:37:00Z'), skipIfNothingNew: true });
  if (archive.status !== 'completed') throw new Error('archive expected');
  const annex = archive.point.annexes[0]!;
  await h.store.putBuffer(annex.key, Buffer.from('jpeg bytez'));

  const request = { uai: UAI, restorePointId: archive.point.id, confirmStop: true, acknowledgeCorrupt: false, actor: 'manager' };
  await expect(h.core.restore.restore(request)).rejects.toMatchObject({
    code: BackupsErrorCodes.CHECKSUM_MISMATCH,
    details: { key: annex.key, problem: 'sha256_mismatch' },
  });
  expect(h.runtime.bases.get(UAI)!.state).toBe('in_service');
  expect((await h.core.console.detail(UAI, archive.point.id)).status).toBe('corrupt');
  expect(await stagedContents()).toEqual([]);
});

it('a preparation the runtime lost (restart) fails the restore with a typed error, leaves the base stopped and nothing staged; a retry restores', async () => {
  enterData(h, UAI, 6);
  const taken = await h.core.runner.run({ kind: 'backup', baseId, slot: slots()[0]!, skipIfNothingNew: true });
  if (taken.status !== 'completed') throw new Error('backup expected');
  const backupBytes = h.runtime.bases.get(UAI)!.content;
  enterData(h, UAI, 7);
  const live = h.runtime.bases.get(UAI)!.content;
  const request = { uai: UAI, restorePointId: taken.point.id, confirmStop: true, acknowledgeCorrupt: false, actor: 'manager' };

  const recordedBefore = h.runtime.restoredContents.length;
  h.runtime.losePreparations = true;
  await expect(h.core.restore.restore(request)).rejects.toMatchObject({ code: RuntimeErrorCode.RUNTIME_RESTORE_NOT_PREPARED });
  expect(h.runtime.bases.get(UAI)).toMatchObject({ state: 'stopped', content: live });
  expect(await stagedContents()).toEqual([]);
  expect(h.runtime.restoredContents).toHaveLength(recordedBefore);

  h.runtime.losePreparations = false;
  await h.core.restore.restore({ ...request, confirmStop: false });
  expect(h.runtime.bases.get(UAI)).toMatchObject({ state: 'stopped', content: backupBytes });
  expect(await stagedContents()).toEqual([h.runtime.restoredContents.at(-1)!.content.key]);
});
