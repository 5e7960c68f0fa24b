import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { type HttpsResponse, httpsRequest, waitFor } from '@pronote/testing';

interface ConnectedUser { connectionId: string; state: string; mode: string | null; userName: string; poste: string | null; disconnectRequested: boolean }
interface ConnectionsPage { licences: { inModification: number; total: number; label: string }; items: ConnectedUser[] }

/**
 * Fiche 11 end to end, no doubles: accounts, bases, sessions, runtime-sim and the gateway. Users
 * connect through runtime-sim's /sim API; the console lists them, "Déconnecter" goes to runtime-sim
 * and back; failed console logins suspend an address that "Débloquer les IP suspendues" lifts.
 */
describe('Fiche 11 "Gérer les connexions" through the gateway', () => {
  let platform: TestPlatform;
  let simUrl: string;
  let hostingNumber: string;
  const uai = '0750654D';
  const sessions = `/api/v1/schools/${uai}/sessions`;

  function call(method: string, path: string, body?: unknown, token: string | null = platform.operatorToken): Promise<HttpsResponse> {
    return httpsRequest(`${platform.gatewayUrl}${path}`, {
      method,
      ca: platform.tlsCertPem,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  const sim = (method: string, path: string, body?: unknown) =>
    fetch(`${simUrl}/sim/schools/${uai}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const connected = async () => (await call('GET', `${sessions}/connections`)).json<ConnectionsPage>();

  beforeAll(async () => {
    platform = await startTestPlatform({
      only: ['accounts', 'bases', 'sessions', 'runtime-sim', 'gateway'],
      extraEnv: { gateway: { LOGIN_IP_THRESHOLD: '3' } },
    });
    simUrl = platform.processes.get('runtime-sim')!.options.readinessUrl.replace('/health/ready', '');
    const account = await call('POST', '/api/v1/operator/accounts', {
      uai, schoolName: 'Collège Victor Hugo', contactEmail: 'direction@victorhugo.example', contactPhone: '06 12 34 56 78', licences: 4,
    });
    expect(account.status).toBe(201);
    hostingNumber = account.json<{ hostingNumber: string }>().hostingNumber;
    const base = await waitFor(async () => {
      const response = await call('POST', `/api/v1/schools/${uai}/bases`, { schoolYear: '2022-2023' });
      return response.status === 201 ? response.json<{ id: string }>() : undefined;
    }, { what: 'the school recorded by bases' });
    const started = await call('POST', `/api/v1/schools/${uai}/bases/${base.id}/start`, { sprPassword: 'a-long-spr-password' });
    expect(started.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await platform?.teardown();
  }, 60_000);

  it('lists the users runtime-sim reports, with "Licences en modification : x/N, réservées aux administrateurs : k"', async () => {
    expect((await sim('POST', '/connections', { application: 'client', mode: 'administratif', editing: true, userName: 'Superviseur (SPR)', address: '10.1.2.3' })).status).toBe(201);
    expect((await sim('POST', '/connections', { application: 'client', mode: 'enseignant', editing: true, userName: 'AALOUCH Delphine' })).status).toBe(201);
    expect((await sim('POST', '/connections', { application: 'pronote_net', espace: 'parents', userName: 'PRONOTE.net' })).status).toBe(201);

    const page = await waitFor(async () => {
      const current = await connected();
      return current.items.length === 3 ? current : undefined;
    }, { what: 'three connected users' });
    expect(page.licences.label).toBe('Licences en modification : 2/4, réservées aux administrateurs : 1');
    expect(page.items.map((u) => [u.userName, u.state, u.mode])).toEqual([
      ['Superviseur (SPR)', 'connecte_en_modification', 'administratif'],
      ['AALOUCH Delphine', 'connecte_en_modification', 'enseignant'],
      ['PRONOTE.net', 'connecte', null],
    ]);
    expect(page.items[0]!.poste).toBe('10.1.2.3');

    const reserve = await call('PUT', `${sessions}/licences/admin-reserve`, { reserved: 2 });
    expect(reserve.status).toBe(200);
    expect(reserve.json()).toMatchObject({ label: 'Licences en modification : 2/4, réservées aux administrateurs : 2' });
    const tooMany = await call('PUT', `${sessions}/licences/admin-reserve`, { reserved: 5 });
    expect(tooMany.headers['content-type']).toContain('application/problem+json');
    expect(tooMany.json()).toMatchObject({ status: 422, code: 'LICENCE_RESERVE_INVALID' });
    expect((await call('PUT', `${sessions}/licences/admin-reserve`, { reserved: 'two' })).status).toBe(400);
  }, 60_000);

  it('"Déconnecter" closes the connection on runtime-sim; the user leaves the list and the seat is freed', async () => {
    const teacher = (await connected()).items.find((u) => u.userName === 'AALOUCH Delphine')!;
    const response = await call('POST', `${sessions}/connections/${teacher.connectionId}/disconnect`);
    expect(response.status).toBe(202);
    await waitFor(async () => ((await connected()).items.some((u) => u.connectionId === teacher.connectionId) ? undefined : true), { what: 'the close reported by runtime-sim' });
    const onSim = (await (await sim('GET', '/connections')).json()) as { connectionId: string }[];
    expect(onSim.map((c) => c.connectionId)).not.toContain(teacher.connectionId);
    expect((await connected()).licences.inModification).toBe(1);

    const again = await call('POST', `${sessions}/connections/${teacher.connectionId}/disconnect`);
    expect(again.json()).toMatchObject({ status: 404, code: 'SESSION_CONNECTION_NOT_FOUND' });
    expect((await call('GET', `${sessions}/connections`, undefined, null)).status).toBe(401);
  }, 60_000);

  it('failed logins suspend the address; it is listed for the school, and "Débloquer les IP suspendues" lets it try again at once', async () => {
    const attempt = () =>
      call('POST', '/api/v1/console/certificates/download', { hostingNumber, password: 'not-the-password-1234', lastInvoiceNumber: '1', deviceName: 'Poste CDI' }, null);
    for (let i = 0; i < 3; i++) await attempt();
    expect((await attempt()).json()).toMatchObject({ code: 'LOGIN_IP_SUSPENDED' });

    const listed = await waitFor(async () => {
      const items = (await call('GET', `${sessions}/suspended-ips`)).json<{ items: { address: string }[] }>().items;
      return items.length > 0 ? items : undefined;
    }, { what: 'the suspension recorded by sessions' });
    expect(listed.map((s) => s.address)).toEqual(['127.0.0.1']);

    const unblocked = await call('POST', `${sessions}/suspended-ips/unblock`);
    expect(unblocked.status).toBe(200);
    expect(unblocked.json()).toEqual({ unblocked: ['127.0.0.1'] });
    expect((await call('GET', `${sessions}/suspended-ips`)).json()).toEqual({ items: [] });
    // Lifted at the gateway: a wrong password is again just a wrong password, not a suspension.
    const after = await waitFor(async () => {
      const reply = (await attempt()).json<{ code: string }>();
      return reply.code !== 'LOGIN_IP_SUSPENDED' ? reply : undefined;
    }, { what: 'the gateway to lift the address' });
    expect(after.code).toBe('CREDENTIALS_INVALID');
  }, 60_000);
});
