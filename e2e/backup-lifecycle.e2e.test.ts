import { baseContentKey, type BaseStatisticsView, isBaseContentKey } from '@pronote/contracts';
import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { openObjectStore } from '@pronote/storage';
import { type HttpsResponse, waitFor } from '@pronote/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { slotFor } from '../services/backups/src/domain/schedule.js';
import { JobName, QueueName } from '../services/backups/src/jobs/queue-names.js';
import { enqueueRunForTick } from '../services/backups/src/runs/tick.js';
import { archiveSchedulerId, backupSchedulerId } from '../services/backups/src/schedules/schedule-registrar.js';

interface BaseView { id: string; state: string; content: { key: string; size: number; sha256: string } }
interface Panel { base: BaseView | null; statistics: BaseStatisticsView | null; runtimeReachable: boolean; lastEntryAt?: string }
interface Listing { title: string; rows: { id: string; kind: string; name: string }[] }
interface Detail { id: string; kind: string; statistics: BaseStatisticsView; lastEntryAt: string | null; baseId: string; sha256: string; sizeBytes: number }
interface HistoryEntry { action: string; actor: string; details: Record<string, unknown> }

/**
 * Issues #4 and #5 together, no doubles: the real accounts, bases, backups, runtime-sim and gateway.
 * A base put in service through the gateway is scheduled by backups from the real bases event, backed
 * up for a slot while users type into runtime-sim, restored (stopped through bases, safety backup,
 * runtime content replaced, statistics back to the backup's once in service again) and the restore
 * undone from the safety backup; stopping the base removes its schedules.
 */
describe('backup lifecycle across bases, backups and runtime-sim, through the gateway', () => {
  const uai = '0750660K';
  let platform: TestPlatform;
  let simUrl: string;
  let redis: Redis;
  let schedules: Queue;
  let runs: Queue;
  let baseId: string;
  let backupId: string;
  let statisticsAtBackup: BaseStatisticsView;
  let statisticsBeforeRestore: BaseStatisticsView;
  let safetyId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ only: ['accounts', 'bases', 'backups', 'runtime-sim', 'gateway'] });
    simUrl = platform.processes.get('runtime-sim')!.options.readinessUrl.replace('/health/ready', '');
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    schedules = new Queue(QueueName.SCHEDULES, { connection: redis, prefix: platform.isolation.redisPrefix });
    runs = new Queue(QueueName.RUNS, { connection: redis, prefix: platform.isolation.redisPrefix });
  }, 180_000);

  afterAll(async () => {
    await schedules?.close();
    await runs?.close();
    await platform?.teardown();
    if (redis) {
      const keys = await redis.keys(`${platform.isolation.redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  }, 60_000);

  const call = (method: string, path: string, body?: unknown): Promise<HttpsResponse> => platform.asOperator(method, path, body);
  const bases = `/api/v1/schools/${uai}/bases`;
  const backups = `/api/v1/schools/${uai}/backups`;
  const panel = async () => (await call('GET', `${bases}/panel`)).json<Panel>();
  const history = async () => (await call('GET', `${bases}/history?baseId=${baseId}`)).json<{ entries: HistoryEntry[] }>().entries;
  const schedulerIds = async () => (await schedules.getJobSchedulers()).map((s) => s.key).sort();
  /** The content objects under the base's folder in S3 (current, replaced or staged). */
  const contentObjects = async () => {
    const store = openObjectStore({ ...platform.s3, region: 'us-east-1' });
    return (await store.list(`bases/${uai}/${baseId}/`)).map((object) => object.key).filter((key) => isBaseContentKey(uai, baseId, key));
  };
  /** The content objects once bases has removed the one a restore replaced (it does so after answering). */
  const contentObjectsSettled = () =>
    waitFor(async () => {
      const keys = await contentObjects();
      return keys.length === 1 ? keys : undefined;
    }, { what: 'the replaced content object removed' });

  async function type(entries: { statistic: keyof BaseStatisticsView; delta: number }[]): Promise<BaseStatisticsView> {
    const at = new Date().toISOString();
    const response = await fetch(`${simUrl}/sim/schools/${uai}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entries: entries.map((entry) => ({ ...entry, at, text: `saisie ${entry.statistic}` })) }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { statistics: BaseStatisticsView }).statistics;
  }

  async function startBase(body: unknown = {}): Promise<BaseView> {
    const started = await call('POST', `${bases}/${baseId}/start`, body);
    expect(started.json()).toMatchObject({ state: 'in_service' });
    return started.json<BaseView>();
  }

  it('an account, an empty base put in service with the SPR password: backups registers its schedules from the real event', async () => {
    const account = await call('POST', '/api/v1/operator/accounts', {
      uai, schoolName: 'Lycée Jules Ferry', contactEmail: 'direction@julesferry.example', contactPhone: '06 11 22 33 44', licences: 4,
    });
    expect(account.status).toBe(201);
    const created = await waitFor(async () => {
      const response = await call('POST', bases, { schoolYear: '2022-2023', grid: { sequenceCount: 10, sequenceMinutes: 60 } });
      return response.status === 201 ? response : undefined;
    }, { what: 'the school recorded by bases, then its empty base' });
    baseId = created.json<BaseView>().id;
    expect(await schedulerIds()).toEqual([]);

    await startBase({ sprPassword: 'a-long-spr-password' });
    expect(await (await fetch(`${simUrl}/sim/schools/${uai}`)).json()).toMatchObject({ baseId, state: 'in_service' });

    const registered = await waitFor(async () => ((await schedulerIds()).length === 2 ? schedulerIds() : undefined), {
      what: 'the backup and archive schedulers of the base',
    });
    expect(registered).toEqual([archiveSchedulerId(baseId), backupSchedulerId(baseId)].sort());
    const backupScheduler = await schedules.getJobScheduler(backupSchedulerId(baseId));
    expect(backupScheduler).toMatchObject({ tz: 'Europe/Paris' });
    expect(backupScheduler!.pattern).toMatch(/^\d+ (2\d|3[0-4]) 0,2,4,6,8,10,12,14,16,18,20,22 \* \* \*$/);
  });

  it('activity on runtime-sim, then the scheduled run of a slot: "Sauvegardes (1)" with the statistics of that moment', async () => {
    statisticsAtBackup = await type([
      { statistic: 'professeurs', delta: 12 },
      { statistic: 'eleves', delta: 240 },
      { statistic: 'notes', delta: 35 },
    ]);
    expect((await panel()).statistics).toEqual(statisticsAtBackup);

    // The tick the scheduler fires for the latest hh:20 slot, handled by backups' own tick code and run worker.
    const slotTime = slotFor(new Date());
    const run = await enqueueRunForTick(runs, { name: 'backup-tick', data: { baseId }, opts: { prevMillis: slotTime.getTime() }, timestamp: Date.now() });
    expect(run.slot).toBe(slotTime.toISOString());
    const listing = await waitFor(async () => {
      const view = (await call('GET', backups)).json<Listing>();
      return view.rows.length === 1 ? view : undefined;
    }, { timeoutMs: 30_000, what: 'the slot backup listed' });
    expect(listing.title).toBe('Sauvegardes (1) et archives (0)');
    expect(listing.rows[0]).toMatchObject({ kind: 'backup', name: 'Base année 2022-202301.sauvs' });
    backupId = listing.rows[0]!.id;

    const detail = (await call('GET', `${backups}/${backupId}`)).json<Detail>();
    expect(detail).toMatchObject({ kind: 'backup', baseId, statistics: statisticsAtBackup });
    // A second tick for the same slot adds nothing.
    await enqueueRunForTick(runs, { name: 'backup-tick', data: { baseId }, opts: { prevMillis: slotTime.getTime() }, timestamp: Date.now() });
    expect((await call('GET', backups)).json<Listing>().rows).toHaveLength(1);
  }, 60_000);

  it('a restore drill of that backup into the sandbox runtime (runtime-sim) matches its recorded statistics', async () => {
    const maintenance = new Queue(QueueName.MAINTENANCE, { connection: redis, prefix: platform.isolation.redisPrefix });
    try {
      await maintenance.add(JobName.DRILL, {});
    } finally {
      await maintenance.close();
    }
    const drills = await waitFor(async () => {
      const view = (await call('GET', '/api/v1/operator/backups/drills')).json<{ drills: { restorePointId: string; lastDrillResult: string }[] }>();
      return view.drills.length > 0 ? view.drills : undefined;
    }, { timeoutMs: 30_000, what: 'the drill recorded' });
    expect(drills).toEqual([expect.objectContaining({ restorePointId: backupId, lastDrillResult: 'match' })]);
    expect((await call('GET', `${backups}/alerts`)).json()).toEqual({ alerts: [] });
    // The school's runtime was not touched by the drill.
    expect(await (await fetch(`${simUrl}/sim/schools/${uai}`)).json()).toMatchObject({ baseId, state: 'in_service', statistics: statisticsAtBackup });
  }, 60_000);

  it('restore: refused in service without confirmation (409); confirmed: stopped through bases, safety backup listed, content replaced', async () => {
    statisticsBeforeRestore = await type([
      { statistic: 'notes', delta: 80 },
      { statistic: 'absences', delta: 7 },
    ]);
    expect(statisticsBeforeRestore).not.toEqual(statisticsAtBackup);

    const preview = (await call('GET', `${backups}/${backupId}/restore-preview`)).json<{ baseInService: boolean; identical: boolean }>();
    expect(preview).toMatchObject({ baseInService: true, identical: false });

    const refused = await call('POST', `${backups}/${backupId}/restore`, {});
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'BACKUP_RESTORE_BASE_IN_SERVICE' });
    expect((await panel()).base).toMatchObject({ id: baseId, state: 'in_service', content: { key: baseContentKey(uai, baseId) } });

    const restored = await call('POST', `${backups}/${backupId}/restore`, { confirmStop: true });
    expect(restored.status).toBe(200);
    const result = restored.json<{ baseState: string; safetyRestorePointId: string }>();
    expect(result.baseState).toBe('stopped');
    safetyId = result.safetyRestorePointId;

    // bases stopped the base for the restore, then recorded the restored content (what its next start verifies).
    const [restoredLine, stopLine] = await history();
    expect(stopLine).toMatchObject({ action: 'base.service_stopped', actor: 'operator', details: { reason: 'restore' } });
    expect(restoredLine).toMatchObject({ action: 'base.restored', actor: 'operator', details: { restorePointId: backupId } });
    const backup = (await call('GET', `${backups}/${backupId}`)).json<Detail>();
    const base = (await call('GET', `${bases}/${baseId}`)).json<BaseView>();
    expect(base).toMatchObject({ state: 'stopped', content: { size: backup.sizeBytes, sha256: backup.sha256 } });
    // The content is the copy runtime-sim staged before the stop; the object it replaced is gone.
    expect(await contentObjectsSettled()).toEqual([base.content.key]);
    expect(base.content.key).not.toBe(baseContentKey(uai, baseId));

    const listing = (await call('GET', backups)).json<Listing>();
    expect(listing.rows.map((row) => row.kind).sort()).toEqual(['backup', 'safety']);
    const safety = (await call('GET', `${backups}/${safetyId}`)).json<Detail>();
    expect(safety.statistics).toEqual(statisticsBeforeRestore);

    const sim = (await (await fetch(`${simUrl}/sim/schools/${uai}`)).json()) as { state: string; statistics: BaseStatisticsView };
    expect(sim).toMatchObject({ state: 'stopped', statistics: statisticsAtBackup });
  }, 60_000);

  it('put back in service, the panel shows the statistics recorded in the backup', async () => {
    await startBase();
    const view = await panel();
    expect(view).toMatchObject({ runtimeReachable: true, base: { id: baseId, state: 'in_service' } });
    expect(view.statistics).toEqual(statisticsAtBackup);
  });

  it('restoring the safety backup undoes the restore: the later statistics come back; a manual backup records them', async () => {
    const undo = await call('POST', `${backups}/${safetyId}/restore`, { confirmStop: true });
    expect(undo.status).toBe(200);
    expect(await contentObjectsSettled()).toEqual([(await call('GET', `${bases}/${baseId}`)).json<BaseView>().content.key]);
    await startBase();
    expect((await panel()).statistics).toEqual(statisticsBeforeRestore);
    const kinds = (await call('GET', backups)).json<Listing>().rows.map((row) => row.kind).sort();
    expect(kinds).toEqual(['backup', 'safety', 'safety']);

    // A manual backup of the base in service again records what runtime-sim serves now.
    const manual = await call('POST', backups);
    expect(manual.status).toBe(201);
    const manualId = manual.json<{ restorePointId: string }>().restorePointId;
    expect((await call('GET', `${backups}/${manualId}`)).json<Detail>()).toMatchObject({ kind: 'backup', statistics: statisticsBeforeRestore });
  }, 60_000);

  it('stopping the base through the gateway removes its schedules', async () => {
    await waitFor(async () => ((await schedulerIds()).length === 2 ? true : undefined), { what: 'the schedules back after the restart' });
    const stopped = await call('POST', `${bases}/${baseId}/stop`);
    expect(stopped.json<BaseView>().state).toBe('stopped');
    await waitFor(async () => ((await schedulerIds()).length === 0 ? true : undefined), { what: 'the schedulers removed' });
    expect((await history())[0]).toMatchObject({ action: 'base.service_stopped', details: { reason: 'manager' } });
  });
});
