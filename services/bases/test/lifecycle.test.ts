import { RemoteCommandError } from '@pronote/bus';
import {
  CreateEmptyBase,
  GetBaseHistory,
  GetBasePanel,
  ListBases,
  StartBase,
  StopBase,
  StopBaseForRestore,
} from '@pronote/contracts';
import { waitFor } from '@pronote/testing';
import { type BasesHarness, startBasesHarness } from './support/bases-harness.js';

const UAI = '0750654D';
const OTHER_UAI = '0750653C';
const actor = 'operator';
const SPR = 'a-long-spr-password';

describe('bases lifecycle (service on real Postgres, NATS, S3; test runtime)', () => {
  let h: BasesHarness;

  beforeAll(async () => {
    h = await startBasesHarness();
    await h.addSchool(UAI);
    await h.addSchool(OTHER_UAI);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof RemoteCommandError) return error.code;
      throw error;
    }
    throw new Error('expected a failure');
  };
  const baseCount = async () => Number((await h.query<{ n: string }>('SELECT count(*) AS n FROM "Base"'))[0]!.n);

  it('refuses a bad grid with its code and writes nothing', async () => {
    expect(await failure(h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2022-2023', grid: { sequenceCount: 30 }, actor }))).toBe('GRID_OUT_OF_RANGE');
    expect(await failure(h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2022-2023', grid: { sequenceCount: 12, sequenceMinutes: 120 }, actor }))).toBe('GRID_INCONSISTENT');
    expect(await failure(h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2022-2023', grid: { subdivision: 7 }, actor }))).toBe('GRID_INVALID');
    expect(await failure(h.send(CreateEmptyBase, { uai: '0000001A', schoolYear: '2022-2023', actor } as never))).toBe('VALIDATION_FAILED');
    expect(await failure(h.send(CreateEmptyBase, { uai: '0751234J', schoolYear: '2022-2023', actor }))).toBe('TENANT_NOT_FOUND');
    expect(await failure(h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2022-2024', actor }))).toBe('SCHOOL_YEAR_INVALID');
    expect(await baseCount()).toBe(0);
  });

  it('creates an empty base, stopped, with its grid, its empty content in S3, history and event', async () => {
    const base = await h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2022-2023', grid: { sequenceCount: 10, sequenceMinutes: 55, subdivision: 5 }, actor });
    expect(base).toMatchObject({ name: 'Base année 2022-2023', state: 'stopped', origin: 'empty', pronoteVersion: 2022, readOnly: false });
    expect(base.grid).toMatchObject({ dayStartsAt: '08:00', dayEndsAt: '17:10', dayLengthLabel: '9h10', subdivisionMinutes: 11 });
    expect(base.content.size).toBe(160);
    expect(await h.store.sha256Of(base.content.key)).toEqual({ size: 160, sha256: base.content.sha256 });
    const events = await h.query<{ subject: string }>('SELECT subject FROM "OutboxEvent"');
    expect(events.map((e) => e.subject)).toContain('hosting.base.created.v1');
    expect(await failure(h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2022-2023', actor }))).toBe('BASE_ALREADY_EXISTS');
  });

  it('refuses the first putting in service without the SPR password, then stores only its argon2id hash', async () => {
    const [base] = (await h.send(ListBases, { uai: UAI })).bases;
    expect(await failure(h.send(StartBase, { uai: UAI, baseId: base!.id, actor }))).toBe('SPR_PASSWORD_REQUIRED');
    expect(await failure(h.send(StartBase, { uai: UAI, baseId: base!.id, actor, sprPassword: 'short' }))).toBe('SPR_PASSWORD_TOO_WEAK');
    expect(h.runtime.orders).toEqual([]);
    const started = await h.send(StartBase, { uai: UAI, baseId: base!.id, actor, sprPassword: SPR });
    expect(started.state).toBe('in_service');
    const [spr] = await h.query<{ hash: string }>('SELECT hash FROM "SprPassword" WHERE uai = $1', [UAI]);
    expect(spr!.hash).toMatch(/^\$argon2id\$/);
    expect(spr!.hash).not.toContain(SPR);
    // Starting again is a no-op answer, not a second order.
    await h.send(StartBase, { uai: UAI, baseId: base!.id, actor });
    expect(h.runtime.orders.filter((o) => o.startsWith('start'))).toHaveLength(1);
  });

  it('never has two bases in service: the database refuses it, and putting a base in service stops the other', async () => {
    const first = (await h.send(ListBases, { uai: UAI })).bases.find((b) => b.state === 'in_service')!;
    const second = await h.send(CreateEmptyBase, { uai: UAI, schoolYear: '2023-2024', actor });
    await expect(h.query(`UPDATE "Base" SET state = 'in_service' WHERE id = $1`, [second.id])).rejects.toThrow(/Base_one_in_service_per_school/);
    const started = await h.send(StartBase, { uai: UAI, baseId: second.id, actor });
    expect(started.state).toBe('in_service');
    const bases = (await h.send(ListBases, { uai: UAI })).bases;
    expect(bases.filter((b) => b.state === 'in_service').map((b) => b.id)).toEqual([second.id]);
    expect(bases.find((b) => b.id === first.id)).toMatchObject({ state: 'stopped', readOnly: true });
    expect(h.runtime.orders.slice(-2)).toEqual([`stop ${UAI} ${first.id}`, `start ${UAI} ${second.id}`]);
    expect(await failure(h.send(StartBase, { uai: UAI, baseId: first.id, actor }))).toBe('BASE_READ_ONLY');
    const history = (await h.send(GetBaseHistory, { uai: UAI })).entries.map((e) => e.action);
    expect(history.slice(0, 3)).toEqual(['base.service_started', 'base.service_stopped', 'base.created']);
  });

  it('a runtime that answers too late leaves the previous state with RUNTIME_TIMEOUT, and the retry is safe', async () => {
    const inService = (await h.send(ListBases, { uai: UAI })).bases.find((b) => b.state === 'in_service')!;
    h.runtime.holdOrders();
    expect(await failure(h.send(StopBase, { uai: UAI, baseId: inService.id, actor }))).toBe('RUNTIME_TIMEOUT');
    expect((await h.send(ListBases, { uai: UAI })).bases.find((b) => b.id === inService.id)!.state).toBe('in_service');
    h.runtime.releaseOrders(); // the runtime carries out the stop its caller gave up on
    await waitFor(() => h.runtime.orders.at(-1) === `stop ${UAI} ${inService.id}`, { what: 'the late stop' });
    expect((await h.send(StopBase, { uai: UAI, baseId: inService.id, actor })).state).toBe('stopped');

    h.runtime.holdOrders();
    expect(await failure(h.send(StartBase, { uai: UAI, baseId: inService.id, actor }))).toBe('RUNTIME_TIMEOUT');
    expect((await h.send(ListBases, { uai: UAI })).bases.find((b) => b.id === inService.id)!.state).toBe('stopped');
    h.runtime.releaseOrders();
    await waitFor(() => h.runtime.orders.at(-1) === `start ${UAI} ${inService.id}`, { what: 'the late start' });
    expect((await h.send(StartBase, { uai: UAI, baseId: inService.id, actor })).state).toBe('in_service');
  }, 60_000); // two orders wait out the runtime timeout (5 s each)

  it('a silent runtime times out too; stop for restore stops with reason restore', async () => {
    const inService = (await h.send(ListBases, { uai: UAI })).bases.find((b) => b.state === 'in_service')!;
    h.runtime.silent = true;
    expect(await failure(h.send(StopBaseForRestore, { uai: UAI, baseId: inService.id, actor: 'backups' }))).toBe('RUNTIME_TIMEOUT');
    h.runtime.silent = false;
    expect(await h.send(StopBaseForRestore, { uai: UAI, baseId: inService.id, actor: 'backups' })).toEqual({ baseId: inService.id, state: 'stopped' });
    const [stopped] = (await h.send(GetBaseHistory, { uai: UAI, baseId: inService.id, limit: 1 })).entries;
    expect(stopped).toMatchObject({ action: 'base.service_stopped', actor: 'backups', details: { reason: 'restore' } });
  }, 60_000);

  it('shows the panel with the runtime statistics of the base in service', async () => {
    const base = (await h.send(ListBases, { uai: UAI })).bases.find((b) => b.schoolYear === '2023-2024')!;
    await h.send(StartBase, { uai: UAI, baseId: base.id, actor });
    const panel = await h.send(GetBasePanel, { uai: UAI });
    expect(panel).toMatchObject({ uai: UAI, runtimeReachable: true, base: { id: base.id, state: 'in_service' } });
    expect(panel.statistics).toMatchObject({ professeurs: 0, eleves: 0 });
    expect((await h.send(GetBasePanel, { uai: OTHER_UAI })).base).toBeNull();
  });
});
