import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { BackupFailed, BackupsErrorCodes, DomainError, RuntimeErrorCode } from '@pronote/contracts';
import { createS3Client } from '@pronote/storage';
import { eventOf } from '../src/records/restore-points.repository.js';
import { verifyStoredObject } from '../src/runs/object-verifier.js';
import { enterData, type Harness, S3_KEYS, schoolInService, startHarness } from './support/harness.js';

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
  jest.restoreAllMocks();
  await h.prisma.restorePoint.deleteMany({});
  await h.prisma.scheduledBase.deleteMany({});
  await h.prisma.outboxEvent.deleteMany({});
});

const lastRuns = async () => h.prisma.scheduledBase.findUniqueOrThrow({ where: { baseId }, select: { lastBackupAt: true, lastArchiveAt: true } });

it('completes a run with its event and the base last run in one go; a safety backup leaves the last runs as they were', async () => {
  const backup = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T08:20:00Z'), skipIfNothingNew: true });
  if (backup.status !== 'completed') throw new Error('backup expected');
  expect(backup.point).toMatchObject({ status: 'complete', rotationIndex: 1, verifiedAt: backup.point.completedAt });
  expect(await lastRuns()).toEqual({ lastBackupAt: backup.point.completedAt, lastArchiveAt: null });
  const events = await h.prisma.outboxEvent.findMany({ where: { subject: 'hosting.backup.completed.v1' } });
  expect(events.map((event) => (event.envelope as { payload: { restorePointId: string } }).payload.restorePointId)).toEqual([backup.point.id]);

  enterData(h, UAI, 200);
  const next = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T10:20:00Z'), skipIfNothingNew: true });
  if (next.status !== 'completed') throw new Error('backup expected');
  expect(next.point.rotationIndex).toBe(2);

  const archive = await h.core.runner.run({ kind: 'archive', baseId, slot: new Date('2022-06-21T00:37:00Z'), skipIfNothingNew: true });
  if (archive.status !== 'completed') throw new Error('archive expected');
  expect(await lastRuns()).toEqual({ lastBackupAt: next.point.completedAt, lastArchiveAt: archive.point.completedAt });

  const safety = await h.core.runner.run({ kind: 'safety', baseId, slot: new Date('2022-06-21T09:00:00Z'), skipIfNothingNew: false });
  expect(safety.status).toBe('completed');
  expect(await lastRuns()).toEqual({ lastBackupAt: next.point.completedAt, lastArchiveAt: archive.point.completedAt });
});

it("applies the school's retention override after a run: with 2 backups kept, the 3rd prunes the oldest", async () => {
  await h.core.bases.setRetentionOverride(UAI, { backups: { last: 2 } });
  try {
    const slots = ['2022-06-20T08:20:00Z', '2022-06-20T10:20:00Z', '2022-06-20T12:20:00Z'].map((slot) => new Date(slot));
    for (const [index, slot] of slots.entries()) {
      enterData(h, UAI, 300 + index);
      expect((await h.core.runner.run({ kind: 'backup', baseId, slot, skipIfNothingNew: true })).status).toBe('completed');
    }
    const kept = await h.prisma.restorePoint.findMany({ where: { baseId }, orderBy: { slot: 'asc' } });
    expect(kept.map((point) => point.slot)).toEqual(slots.slice(1));
    expect((await h.store.list(`backups/${UAI}/${baseId}/`)).map((object) => object.key).sort()).toEqual(kept.map((point) => point.objectKey).sort());
  } finally {
    await h.prisma.retentionOverride.deleteMany({});
  }
});

it('claims a failed run again: same row and object key, pending, one more attempt, the new file name; a complete one as it is', async () => {
  const slot = new Date('2022-06-20T08:20:00Z');
  const run = { uai: UAI, baseId, kind: 'backup' as const, slot, objectKey: `backups/${UAI}/${baseId}/2022-06-20T08-20.sauvs` };
  const first = await h.core.points.claimRun({ ...run, fileName: 'Base01.sauvs' });
  expect(first).toMatchObject({ status: 'pending', attempts: 1, fileName: 'Base01.sauvs' });
  await h.core.points.markFailed(first.id, 'BACKUP_STORAGE_UNAVAILABLE: down', eventOf(BackupFailed, {
    uai: UAI, baseId, kind: 'backup', slot: slot.toISOString(), code: 'BACKUP_STORAGE_UNAVAILABLE', reason: 'down', attempt: 1, willRetry: true,
  }));

  const retried = await h.core.points.claimRun({ ...run, fileName: 'Base02.sauvs', objectKey: 'another/key.sauvs' });
  expect(retried).toMatchObject({ id: first.id, status: 'pending', attempts: 2, fileName: 'Base02.sauvs', objectKey: run.objectKey });

  await h.prisma.restorePoint.update({ where: { id: first.id }, data: { status: 'complete' } });
  const again = await h.core.points.claimRun({ ...run, fileName: 'Base03.sauvs' });
  expect(again).toMatchObject({ id: first.id, status: 'complete', attempts: 3, fileName: 'Base02.sauvs' });
  expect(await h.prisma.restorePoint.count()).toBe(1);
});

it('fails a run whose runtime reports other bytes than the object holds: nothing listed, the failure recorded', async () => {
  const realSnapshot = h.core.runtime.snapshot.bind(h.core.runtime);
  jest.spyOn(h.core.runtime, 'snapshot').mockImplementation(async (...args) => {
    const reply = await realSnapshot(...args);
    return { ...reply, object: { ...reply.object, sha256: 'f'.repeat(64) } };
  });
  const run = h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T08:20:00Z'), skipIfNothingNew: true });

  await expect(run).rejects.toMatchObject({ code: BackupsErrorCodes.CHECKSUM_MISMATCH });
  expect((await h.core.console.list(UAI)).title).toBe('Sauvegardes (0) et archives (0)');
  expect(await h.prisma.restorePoint.findMany({ where: { baseId } })).toEqual([
    expect.objectContaining({ status: 'failed', lastError: expect.stringMatching(/^BACKUP_CHECKSUM_MISMATCH/) }),
  ]);
  expect(await lastRuns()).toEqual({ lastBackupAt: null, lastArchiveAt: null });
});

it("keeps the runtime's own failure when S3 answers (the bucket is checked only once a snapshot failed)", async () => {
  const bucketCheck = jest.spyOn(h.store, 'ensureBucket');
  jest.spyOn(h.core.runtime, 'snapshot').mockRejectedValue(new DomainError(RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED, 'no base loaded'));

  await expect(h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T08:20:00Z'), skipIfNothingNew: true })).rejects.toMatchObject({
    code: RuntimeErrorCode.RUNTIME_BASE_NOT_LOADED,
  });
  expect(bucketCheck).toHaveBeenCalledTimes(1);
  jest.restoreAllMocks();
  const checkAfterSuccess = jest.spyOn(h.store, 'ensureBucket');
  const retried = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T08:20:00Z'), skipIfNothingNew: true });
  expect(retried.status).toBe('completed');
  expect(checkAfterSuccess).not.toHaveBeenCalled();
});

describe('verifyStoredObject', () => {
  it('trusts the sha256 the store checked on a single PUT, without reading the object', async () => {
    const stored = await h.store.putBuffer('verify/checked.sauvs', Buffer.from('a snapshot'));
    const read = jest.spyOn(h.store, 'getStream');

    await verifyStoredObject(h.store, stored);
    await expect(verifyStoredObject(h.store, { ...stored, sha256: 'f'.repeat(64) })).rejects.toMatchObject({ code: BackupsErrorCodes.CHECKSUM_MISMATCH });
    await expect(verifyStoredObject(h.store, { ...stored, size: stored.size + 1 })).rejects.toMatchObject({ code: BackupsErrorCodes.CHECKSUM_MISMATCH });
    expect(read).not.toHaveBeenCalled();
  });

  it('re-reads an object the store keeps no sha256 for (written without a checksum, as a multipart upload is)', async () => {
    const expected = await h.store.putBuffer('verify/expected.sauvs', Buffer.from('a snapshot'));
    const client = createS3Client({ endPoint: '127.0.0.1', port: h.s3.port, useSSL: false, ...S3_KEYS, region: 'us-east-1' });
    await client.putObject(h.iso.bucket, 'verify/unchecked.sauvs', Buffer.from('a snapshot'));
    await client.putObject(h.iso.bucket, 'verify/damaged.sauvs', Buffer.from('a snapshoT'));
    const reHash = jest.spyOn(h.store, 'sha256Of');

    await verifyStoredObject(h.store, { ...expected, key: 'verify/unchecked.sauvs' });
    await expect(verifyStoredObject(h.store, { ...expected, key: 'verify/damaged.sauvs' })).rejects.toMatchObject({ code: BackupsErrorCodes.CHECKSUM_MISMATCH });
    expect(reHash).toHaveBeenCalledTimes(2);
  });
});
