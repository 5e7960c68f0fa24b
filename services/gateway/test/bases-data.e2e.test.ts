import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { type HttpsResponse, waitFor } from '@pronote/testing';

interface BaseView { id: string; state: string; origin: string; lastEntryAt: string | null; grid: { sequenceMinutes: number } | null }
interface RecoveryView { id: string; status: string; report: { from: { schoolYear: string; source: string }; categories: { id: string; items: number }[]; totalItems: number } | null }

/**
 * Issue #4 items 5 and 6 through the gateway, against bases and runtime-sim: an EDT transfer
 * initialises an empty base that runtime-sim then loads (every byte checked), the recovery of last
 * year's data runs as a job whose report is read back, "Préparer l'année suivante" gives a link that
 * downloads the preparation file, and the early pre-version request.
 */
describe('EDT initialisation and recovery of last year, through the gateway', () => {
  let platform: TestPlatform;
  let simUrl: string;
  const uai = '0750654D';
  const bases = `/api/v1/schools/${uai}/bases`;

  beforeAll(async () => {
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
  const transfer = (schoolYear: string, overrides: Record<string, unknown> = {}) => ({
    format: 'edt-transfer',
    version: 1,
    uai,
    schoolYear,
    grid: { sequenceCount: 10, sequenceMinutes: 55 },
    resources: {
      professeurs: [{ code: 'P1', name: 'MARTIN Anne' }, { code: 'P2', name: 'DUPONT Marc' }, { code: 'P3', name: 'LEROY Inès' }],
      classes: [{ code: '6A', name: '6e A' }, { code: '6B', name: '6e B' }],
      matieres: [{ code: 'FR', name: 'Français' }],
      salles: [{ code: 'S101', name: 'Salle 101' }],
      eleves: [{ code: 'E1', name: 'BERNARD Léa' }],
    },
    espaces: ['professeurs', 'parents'],
    ...overrides,
  });
  let lastYear: BaseView;

  it('initialises an empty base from EDT; runtime-sim loads it and the panel shows the resources', async () => {
    lastYear = await waitFor(async () => {
      const response = await call('POST', bases, { schoolYear: '2022-2023' });
      return response.status === 201 ? response.json<BaseView>() : undefined;
    }, { what: 'the school recorded by bases' });
    const imported = await call('POST', `${bases}/${lastYear.id}/edt-import`, { transfer: transfer('2022-2023') });
    expect(imported.status).toBe(200);
    expect(imported.json()).toMatchObject({
      base: { origin: 'edt', grid: { sequenceMinutes: 55 } },
      imported: { professeurs: 3, classes: 2, matieres: 1, groupes: 0, salles: 1, eleves: 1 },
      espaces: ['professeurs', 'parents'],
    });

    const again = await call('POST', `${bases}/${lastYear.id}/edt-import`, { transfer: transfer('2022-2023') });
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ status: 422, code: 'EDT_BASE_NOT_EMPTY' });
    expect((await call('POST', `${bases}/${lastYear.id}/edt-import`, { transfer: transfer('2022-2023', { espaces: ['cantine'] }) })).status).toBe(400);

    const started = await call('POST', `${bases}/${lastYear.id}/start`, { sprPassword: 'a-long-spr-password' });
    expect(started.json()).toMatchObject({ state: 'in_service' });
    const sim = await (await fetch(`${simUrl}/sim/schools/${uai}`)).json();
    expect(sim).toMatchObject({ baseId: lastYear.id, state: 'in_service' });
    const panel = (await call('GET', `${bases}/panel`)).json<{ statistics: Record<string, number> }>();
    expect(panel.statistics).toMatchObject({ professeurs: 3, classes: 2, matieres: 1, salles: 1, eleves: 1, notes: 0 });
    const history = (await call('GET', `${bases}/history?baseId=${lastYear.id}`)).json<{ entries: { action: string }[] }>();
    expect(history.entries.map((e) => e.action)).toContain('base.edt_imported');
  });

  it("recovers last year's data as a job with a report, from the previous year's base and from a preparation file", async () => {
    expect((await call('POST', `${bases}/${lastYear.id}/stop`)).json()).toMatchObject({ state: 'stopped' });
    const thisYear = (await call('POST', bases, { schoolYear: '2023-2024' })).json<BaseView>();

    const refused = await call('POST', `${bases}/${thisYear.id}/recoveries`, { source: { kind: 'previous-year' }, categories: ['cantine'], idempotencyKey: 'rentree-2023-x' });
    expect(refused.json()).toMatchObject({ status: 422, code: 'RECOVERY_CATEGORY_UNKNOWN' });

    const request = { source: { kind: 'previous-year' }, categories: ['autorisations', 'etablissement.identite'], idempotencyKey: 'rentree-2023-1' };
    const accepted = await call('POST', `${bases}/${thisYear.id}/recoveries`, request);
    expect(accepted.status).toBe(202);
    const id = accepted.json<RecoveryView>().id;
    const done = await waitFor(async () => {
      const view = (await call('GET', `${bases}/recoveries/${id}`)).json<RecoveryView>();
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    }, { what: 'the recovery job' });
    expect(done.status).toBe('completed');
    expect(done.report!.from).toMatchObject({ schoolYear: '2022-2023', source: 'previous-year' });
    expect(done.report!.categories.map((c) => [c.id, c.items])).toEqual([
      ['autorisations.personnels', 1],
      ['autorisations.professeurs', 3],
      ['etablissement.identite', 1],
    ]);
    expect((await call('POST', `${bases}/${thisYear.id}/recoveries`, request)).json<RecoveryView>().id).toBe(id);

    const prepared = await call('POST', `${bases}/${lastYear.id}/preparation`);
    expect(prepared.status).toBe(201);
    const { preparation, downloadUrl } = prepared.json<{ preparation: { id: string }; downloadUrl: string }>();
    const file = await (await fetch(downloadUrl)).json();
    expect(file).toMatchObject({ format: 'pronote-preparation', uai, schoolYear: '2022-2023', data: { 'autorisations.professeurs': { items: 3 } } });
    const fromFile = await call('POST', `${bases}/${thisYear.id}/recoveries`, {
      source: { kind: 'preparation', preparationId: preparation.id }, categories: ['photos'], idempotencyKey: 'rentree-2023-2',
    });
    const fileDone = await waitFor(async () => {
      const view = (await call('GET', `${bases}/recoveries/${fromFile.json<RecoveryView>().id}`)).json<RecoveryView>();
      return view.status === 'completed' ? view : undefined;
    }, { what: 'the recovery from the preparation file' });
    expect(fileDone.report).toMatchObject({ from: { source: 'preparation' }, categories: [{ id: 'photos', items: 1 }] });
    expect((await call('POST', `${bases}/preparations`, { file: { format: 'nope' } })).json()).toMatchObject({ status: 422, code: 'PREPARATION_FILE_INVALID' });
  });

  it('lets a school ask for the pre-version early, inside its window only', async () => {
    // The version whose window is open today: tomorrow's year, so the test holds on 31 December too.
    const year = new Date(Date.now() + 86_400_000).getUTCFullYear();
    expect((await call('PUT', `/api/v1/operator/versions/${year + 1}`, {})).status).toBe(200);
    const early = await call('POST', `/api/v1/schools/${uai}/version/pre-version`, { version: year + 1 });
    expect(early.json()).toMatchObject({ status: 422, code: 'PRE_VERSION_NOT_YET_OPEN' });
    expect((await call('PUT', `/api/v1/operator/versions/${year}`, { preVersionOpensOn: `${year - 1}-01-01`, switchOn: `${year}-12-31` })).status).toBe(200);
    const asked = await call('POST', `/api/v1/schools/${uai}/version/pre-version`, { version: year });
    expect(asked.status).toBe(201);
    expect(asked.json()).toMatchObject({ uai, version: year });
    expect((await call('POST', `/api/v1/schools/${uai}/version/pre-version`, { version: 'soon' })).status).toBe(400);
  });
});
