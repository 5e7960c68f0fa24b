import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { type HttpsResponse, waitFor } from '@pronote/testing';

interface BaseView { id: string; state: string; schoolYear: string; name: string; readOnly: boolean; content: { size: number; sha256: string } }

/**
 * Issue #4 through the gateway against the running services and runtime-sim: empty base with its
 * grid, first putting in service with the SPR password (runtime-sim loads the empty base bases
 * wrote), one base in service, a runtime that answers too late, panel and history.
 */
describe('bases lifecycle through the gateway, with runtime-sim', () => {
  let platform: TestPlatform;
  let simUrl: string;
  const uai = '0750654D';

  beforeAll(async () => {
    // The platform's runtime timeout (10 s): starting a base on runtime-sim must not time out on a loaded host.
    platform = await startTestPlatform({ only: ['accounts', 'bases', 'runtime-sim', 'gateway'] });
    simUrl = platform.processes.get('runtime-sim')!.options.readinessUrl.replace('/health/ready', '');
    const account = await call('POST', '/api/v1/operator/accounts', {
      uai, schoolName: 'Collège Victor Hugo', contactEmail: 'direction@victorhugo.example', contactPhone: '06 12 34 56 78', licences: 4,
    });
    expect(account.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await platform?.teardown();
  }, 60_000);

  const call = (method: string, path: string, body?: unknown): Promise<HttpsResponse> => platform.asOperator(method, path, body);
  const bases = `/api/v1/schools/${uai}/bases`;
  const setFaults = (replyDelayMs: number) =>
    fetch(`${simUrl}/sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replyDelayMs, silentOrders: [] }) });

  it('refuses a grid out of range or inconsistent with problem+json, and creates nothing', async () => {
    const outOfRange = await waitFor(async () => {
      const response = await call('POST', bases, { schoolYear: '2022-2023', grid: { sequenceMinutes: 500 } });
      return response.json<{ code: string }>().code === 'TENANT_NOT_FOUND' ? undefined : response;
    }, { what: 'the school recorded by bases' });
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.headers['content-type']).toContain('application/problem+json');
    expect(outOfRange.json()).toMatchObject({ code: 'GRID_OUT_OF_RANGE' });
    const inconsistent = await call('POST', bases, { schoolYear: '2022-2023', grid: { sequenceCount: 10, sequenceMinutes: 60, dayStartsAt: '16:00' } });
    expect(inconsistent.json()).toMatchObject({ status: 422, code: 'GRID_INCONSISTENT' });
    expect((await call('POST', bases, { schoolYear: '2022-2023', colour: 'red' })).status).toBe(400);
    expect((await call('GET', bases)).json<{ bases: unknown[] }>().bases).toEqual([]);
  });

  it('creates an empty base and puts it in service only with the SPR password; runtime-sim serves it', async () => {
    const created = await call('POST', bases, { schoolYear: '2022-2023', grid: { sequenceCount: 10, sequenceMinutes: 60 } });
    expect(created.status).toBe(201);
    const base = created.json<BaseView>();
    expect(base).toMatchObject({ name: 'Base année 2022-2023', state: 'stopped' });

    const refused = await call('POST', `${bases}/${base.id}/start`);
    expect(refused.json()).toMatchObject({ status: 422, code: 'SPR_PASSWORD_REQUIRED' });
    expect((await call('GET', `${bases}/${base.id}`)).json<BaseView>().state).toBe('stopped');

    const started = await call('POST', `${bases}/${base.id}/start`, { sprPassword: 'a-long-spr-password' });
    expect(started.status).toBe(200);
    expect(started.json<BaseView>().state).toBe('in_service');
    const sim = await (await fetch(`${simUrl}/sim/schools/${uai}`)).json();
    expect(sim).toMatchObject({ baseId: base.id, state: 'in_service' });

    const panel = (await call('GET', `${bases}/panel`)).json<{ base: BaseView; statistics: Record<string, number>; runtimeReachable: boolean }>();
    expect(panel).toMatchObject({ runtimeReachable: true, base: { id: base.id, state: 'in_service' } });
    expect(panel.statistics).toMatchObject({ professeurs: 0, eleves: 0, notes: 0 });
  });

  it('never serves two bases: putting the next year in service stops the previous one, which becomes read-only', async () => {
    const next = (await call('POST', bases, { schoolYear: '2023-2024' })).json<BaseView>();
    expect((await call('POST', `${bases}/${next.id}/start`)).json<BaseView>().state).toBe('in_service');
    const list = (await call('GET', bases)).json<{ bases: BaseView[] }>().bases;
    expect(list.filter((b) => b.state === 'in_service').map((b) => b.id)).toEqual([next.id]);
    const previous = list.find((b) => b.schoolYear === '2022-2023')!;
    expect(previous).toMatchObject({ state: 'stopped', readOnly: true });
    expect((await call('POST', `${bases}/${previous.id}/start`)).json()).toMatchObject({ code: 'BASE_READ_ONLY' });
  });

  it('a runtime that answers too late leaves the base in service with RUNTIME_TIMEOUT; the retry stops it', async () => {
    const inService = (await call('GET', bases)).json<{ bases: BaseView[] }>().bases.find((b) => b.state === 'in_service')!;
    // Carried out at once, answered twice the runtime timeout later: late whatever the machine's speed.
    expect((await setFaults(20_000)).status).toBe(200);
    try {
      const late = await call('POST', `${bases}/${inService.id}/stop`);
      expect(late.json()).toMatchObject({ code: 'RUNTIME_TIMEOUT' });
      expect((await call('GET', `${bases}/${inService.id}`)).json<BaseView>().state).toBe('in_service');
    } finally {
      await setFaults(0);
    }
    await waitFor(async () => ((await (await fetch(`${simUrl}/sim/schools/${uai}`)).json()) as { state: string }).state === 'stopped', { what: 'the late stop' });
    const retried = await call('POST', `${bases}/${inService.id}/stop`);
    expect(retried.status).toBe(200);
    expect(retried.json<BaseView>().state).toBe('stopped');

    const history = (await call('GET', `${bases}/history?baseId=${inService.id}`)).json<{ entries: { action: string; actor: string }[] }>().entries;
    expect(history.map((e) => e.action)).toEqual(['base.service_stopped', 'base.service_started', 'base.created']);
    expect(history.every((e) => e.actor === 'operator')).toBe(true);
  }, 60_000);

  it('runs the yearly switch from the operator API: per-school result, and a second run is refused', async () => {
    expect((await call('PUT', '/api/v1/operator/versions/2023', {})).json()).toMatchObject({ version: 2023, switchOn: '2023-08-20', schoolYear: '2023-2024' });
    expect((await call('POST', '/api/v1/operator/versions/2023/switch', { today: '2023-08-01' })).json()).toMatchObject({ status: 422, code: 'SWITCH_NOT_DUE' });
    expect((await call('POST', '/api/v1/operator/versions/2023/switch', { today: '2023-08-20' })).status).toBe(202);
    const campaign = await waitFor(async () => {
      const view = (await call('GET', '/api/v1/operator/versions/2023/switch')).json<{ status: string; results: { uai: string; decision: string }[] }>();
      return view.status === 'completed' ? view : undefined;
    }, { what: 'the switch campaign' });
    // The school already has its 2023-2024 base (stopped by its manager): nothing is created or started.
    expect(campaign.results).toEqual([expect.objectContaining({ uai, status: 'done', decision: 'nothing-in-service' })]);
    const again = await call('POST', '/api/v1/operator/versions/2023/switch', { today: '2023-08-21' });
    expect(again.json()).toMatchObject({ status: 409, code: 'SWITCH_ALREADY_COMPLETED' });
    expect((await call('GET', bases)).json<{ bases: unknown[] }>().bases).toHaveLength(2);
  });
});
