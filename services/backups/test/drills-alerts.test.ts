import { randomUUID } from 'node:crypto';
import { DEFAULT_DRILL_SANDBOX_UAI } from '../src/backups-core.js';
import { enterData, type Harness, schoolInService, startHarness } from './support/harness.js';

const UAI = '0750653C';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it('a drill restores into the sandbox, stamps a matching backup and catches one whose content no longer matches its statistics', async () => {
  const baseId = randomUUID();
  await schoolInService(h, UAI, baseId);
  enterData(h, UAI, 10);
  const honest = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T08:20:00Z'), skipIfNothingNew: false });
  h.runtime.lieAboutStatistics = true;
  enterData(h, UAI, 11);
  const lying = await h.core.runner.run({ kind: 'backup', baseId, slot: new Date('2022-06-20T10:20:00Z'), skipIfNothingNew: false });
  h.runtime.lieAboutStatistics = false;
  if (honest.status !== 'completed' || lying.status !== 'completed') throw new Error('backups expected');
  const liveBefore = h.runtime.bases.get(UAI)!.content;

  // One point per school per run (domain sampling): two runs rotate through both backups.
  const results = [...(await h.core.drills.runOnce(new Date())), ...(await h.core.drills.runOnce(new Date()))];
  const byId = new Map(results.map((result) => [result.restorePointId, result]));
  expect(byId.get(honest.point.id)?.result).toBe('match');
  expect(byId.get(lying.point.id)?.result).toBe('mismatch');
  expect(byId.get(lying.point.id)?.differences).toEqual([expect.stringContaining('eleves')]);

  // The school's live runtime was never touched; the sandbox holds the drilled content.
  expect(h.runtime.bases.get(UAI)!.content.equals(liveBefore)).toBe(true);
  expect(h.runtime.bases.has(DEFAULT_DRILL_SANDBOX_UAI)).toBe(true);
  // Each drill's staged copy is gone once compared: drills do not keep a copy of every backup.
  expect(await h.store.list(`sandbox/${DEFAULT_DRILL_SANDBOX_UAI}/`)).toEqual([]);
  expect((await h.core.console.detail(UAI, honest.point.id)).lastDrillResult).toBe('match');
  const alerts = await h.core.alertRecords.active({ uai: UAI });
  expect(alerts).toEqual([expect.objectContaining({ code: 'DRILL_MISMATCH', details: expect.objectContaining({ restorePointId: lying.point.id }) })]);
  expect(await h.prisma.outboxEvent.count({ where: { subject: 'hosting.backup.alert_raised.v1' } })).toBe(1);
});

it('raises BACKUP_OVERDUE when a base with entries has no backup for more than 4 hours, and clears it after one', async () => {
  const uai = '0010001W';
  const baseId = randomUUID();
  await schoolInService(h, uai, baseId);
  await h.prisma.scheduledBase.update({ where: { baseId }, data: { monitoredSince: new Date(Date.now() - 5 * 3_600_000), lastArchiveAt: new Date() } });
  enterData(h, uai, 5);

  expect(await h.core.alerts.evaluateAll(new Date())).toEqual({ raised: 1, cleared: 0 });
  expect((await h.core.alertRecords.active({ uai })).map((alert) => alert.code)).toEqual(['BACKUP_OVERDUE']);
  expect(await h.core.alerts.evaluateAll(new Date())).toEqual({ raised: 0, cleared: 0 });

  await h.core.runner.run({ kind: 'backup', baseId, slot: new Date(), skipIfNothingNew: false });
  expect(await h.core.alerts.evaluateAll(new Date())).toEqual({ raised: 0, cleared: 1 });
  expect(await h.core.alertRecords.active({ uai })).toEqual([]);
});
