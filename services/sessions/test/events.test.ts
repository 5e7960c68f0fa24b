import { type CommandServer, serveCommand } from '@pronote/bus';
import {
  GetAccountByUai,
  GetLicences,
  ListConnectedUsers,
  ListSuspendedIps,
  LoginFailed,
  LoginIpSuspended,
  RuntimeConnectionClosed,
  RuntimeConnectionOpened,
  SuspendedIpsUnblocked,
  UnblockSuspendedIps,
  makeEnvelope,
} from '@pronote/contracts';
import { createLogger } from '@pronote/observability';
import { randomUUID } from 'node:crypto';
import { type SessionsHarness, startSessionsHarness, waitUntil } from './support/sessions-harness.js';

const UAI = '0750654D';
const HOSTING_NUMBER = '123456789012';

/** The events sessions consumes (runtime connections, gateway logins), each applied once. */
describe('sessions: connections and suspended addresses from events', () => {
  let h: SessionsHarness;
  let accounts: CommandServer;

  beforeAll(async () => {
    h = await startSessionsHarness();
    // The test plays accounts for the one query sessions makes to it.
    accounts = await serveCommand(h.bus, GetAccountByUai, async ({ uai }) => ({
      id: randomUUID(), uai, schoolName: 'Collège', hostingNumber: HOSTING_NUMBER, contactEmail: 'a@b.fr', contactPhone: '0600000000',
      licences: 4, status: 'active' as const, createdAt: new Date().toISOString(),
    }), { queue: 'accounts-test', logger: createLogger({ service: 'sessions-test', level: 'warn' }) });
    await h.addSchool(UAI, 4);
  }, 60_000);

  afterAll(async () => {
    await accounts?.stop();
    await h?.stop();
  }, 30_000);

  const connection = (editing: boolean, mode: 'administratif' | 'enseignant') => ({
    connectionId: randomUUID(), uai: UAI, baseId: randomUUID(), application: 'client' as const, mode, espace: null, editing,
    userName: mode === 'administratif' ? 'Superviseur (SPR)' : 'AALOUCH Delphine', address: '10.0.0.7', openedAt: new Date(Date.now() - 90_000).toISOString(),
  });

  it('lists a connection once when its event comes twice; an editing one holds a seat until it closes', async () => {
    const spr = connection(true, 'administratif');
    const teacher = connection(false, 'enseignant');
    const opened = makeEnvelope(RuntimeConnectionOpened, spr, { correlationId: randomUUID() });
    await h.publish(opened);
    await h.publish(opened);
    await h.publish(makeEnvelope(RuntimeConnectionOpened, teacher, { correlationId: randomUUID() }));
    await waitUntil(async () => (await h.send(ListConnectedUsers, { uai: UAI })).items.length === 2, 'two connections');
    const list = await h.send(ListConnectedUsers, { uai: UAI });
    expect(list.items[0]).toMatchObject({ connectionId: spr.connectionId, state: 'connecte_en_modification', mode: 'administratif', poste: '10.0.0.7' });
    expect(list.items[0]!.durationSeconds).toBeGreaterThanOrEqual(89);
    expect(list.items[1]).toMatchObject({ connectionId: teacher.connectionId, state: 'connecte', mode: 'enseignant' });
    expect(list.licences).toMatchObject({ inModification: 1, heldByAdministrators: 1 });

    const closed = makeEnvelope(RuntimeConnectionClosed, { ...spr, closedAt: new Date().toISOString(), reason: 'client_closed' }, { correlationId: randomUUID() });
    await h.publish(closed);
    await h.publish(closed);
    await waitUntil(async () => (await h.send(ListConnectedUsers, { uai: UAI })).items.length === 1, 'the close');
    expect(await h.send(GetLicences, { uai: UAI })).toMatchObject({ inModification: 0, heldByAdministrators: 0 });
  }, 30_000);

  it("lists the addresses suspended after failing this school's hosting number, and unblocking clears them with an event", async () => {
    const at = new Date().toISOString();
    const until = new Date(Date.now() + 600_000).toISOString();
    await h.publish(makeEnvelope(LoginFailed, { hostingNumber: HOSTING_NUMBER, clientIp: '198.51.100.9', failuresFromIp: 5, failuresForAccount: 5, at }, { correlationId: randomUUID() }));
    await h.publish(makeEnvelope(LoginFailed, { hostingNumber: '999999999999', clientIp: '203.0.113.1', failuresFromIp: 5, failuresForAccount: 1, at }, { correlationId: randomUUID() }));
    await h.publish(makeEnvelope(LoginIpSuspended, { clientIp: '198.51.100.9', until, level: 1, failures: 5 }, { correlationId: randomUUID() }));
    await h.publish(makeEnvelope(LoginIpSuspended, { clientIp: '203.0.113.1', until, level: 1, failures: 5 }, { correlationId: randomUUID() }));
    await waitUntil(async () => (await h.send(ListSuspendedIps, { uai: UAI })).items.length === 1, 'the suspension');
    expect((await h.send(ListSuspendedIps, { uai: UAI })).items).toEqual([{ address: '198.51.100.9', suspendedUntil: until, level: 1, failures: 5 }]);

    const events: unknown[] = [];
    const sub = h.bus.connection().subscribe(h.bus.subject(SuspendedIpsUnblocked.subject));
    void (async () => {
      for await (const message of sub) events.push(message.json());
    })();
    expect(await h.send(UnblockSuspendedIps, { uai: UAI })).toEqual({ unblocked: ['198.51.100.9'] });
    expect((await h.send(ListSuspendedIps, { uai: UAI })).items).toEqual([]);
    await waitUntil(async () => events.length === 1, 'hosting.sessions.ips_unblocked');
    expect(events[0]).toMatchObject({ payload: { uai: UAI, addresses: ['198.51.100.9'] } });
    expect(await h.send(UnblockSuspendedIps, { uai: UAI })).toEqual({ unblocked: [] });
    sub.unsubscribe();
  }, 30_000);
});
