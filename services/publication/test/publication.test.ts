import { type Bus, connectBus, ensureStream, sendCommand } from '@pronote/bus';
import {
  BaseEdtImported,
  BaseServiceStarted,
  BaseServiceStopped,
  DefineCasDelegation,
  type Envelope,
  GetPublication,
  SetEspaceDelegations,
  SetDelegationActive,
  SetPublication,
  GetDelegations,
  ValidateCasTicket,
  makeEnvelope,
} from '@pronote/contracts';
import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { TEST_DATABASE_URL, waitFor } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from 'nats';
import pg from 'pg';

/** The publication service on real Postgres and NATS: base events in, console commands, outbox out. */
describe('publication service', () => {
  const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  const UAI = '0750654D';
  const baseId = randomUUID();
  const baseRef = { baseId, uai: UAI, schoolYear: '2022-2023', name: 'Base année 2022-2023', contentKey: `bases/${UAI}/${baseId}/content.hnot` };
  let platform: TestPlatform;
  let schema: string;
  let bus: Bus;

  /** A fresh Nats-Msg-Id each time, so the stream's dedupe cannot hide a redelivery. */
  const publishCopy = async (envelope: Envelope): Promise<void> => {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', randomUUID());
    await bus.connection().jetstream().publish(bus.subject(envelope.subject), new TextEncoder().encode(JSON.stringify(envelope)), { headers: h });
  };
  const actor = 'operator';
  const get = () => sendCommand(bus, GetPublication, { uai: UAI }, { timeoutMs: 5000 });
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);
  const stateEvents = async () =>
    (await db.query(`SELECT envelope FROM "${schema}"."OutboxEvent" WHERE subject = 'hosting.publication.state_changed.v1' ORDER BY "createdAt"`)).rows.map(
      (r) => r.envelope.payload,
    );

  beforeAll(async () => {
    platform = await startTestPlatform({ only: ['publication'] });
    schema = platform.schemaOf('publication');
    await db.connect();
    bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'publication-test', subjectPrefix: platform.isolation.subjectPrefix });
    await bus.ready();
    await ensureStream(bus, { name: platform.isolation.stream });
  }, 60_000);

  afterAll(async () => {
    await bus?.close();
    await db.end();
    await platform?.teardown();
  }, 30_000);

  it('shows an untouched school as not published, with the default espaces and their URLs', async () => {
    const view = await get();
    expect(view).toMatchObject({ published: false, enabled: true, base: null });
    expect(view.espaces.find((e) => e.espace === 'direction')).toMatchObject({
      published: true,
      url: 'https://0750654D.index-education.net/pronote/direction.html',
      mobileUrl: 'https://0750654D.index-education.net/pronote/mobile.direction.html',
    });
  });

  it('publishes automatically when the base goes in service, once for a twice-delivered event', async () => {
    const started = makeEnvelope(BaseServiceStarted, { ...baseRef, startedAt: new Date().toISOString() }, { correlationId: 'test-started' });
    await publishCopy(started);
    await publishCopy(started);
    await waitFor(async () => ((await get()).published ? true : undefined), { what: 'automatic publication' });
    const view = await get();
    expect(view.base).toEqual({ baseId, name: 'Base année 2022-2023', fileName: 'Base année 2022-2023.not' });
    await waitFor(
      async () => {
        const info = await (await bus.connection().jetstreamManager()).consumers.info(platform.isolation.stream, 'publication-bases');
        return info.num_ack_pending === 0 && info.num_pending === 0 ? true : undefined;
      },
      { what: 'both copies handled' },
    );
    expect(await stateEvents()).toEqual([expect.objectContaining({ uai: UAI, published: true, baseId })]);
  });

  it('refuses delegation changes while published, accepts them once the manager stops publication', async () => {
    const atrium = { name: 'CAS', presetId: 'atrium-sud', allowDirectLogin: true };
    expect(await codeOf(sendCommand(bus, DefineCasDelegation, { uai: UAI, actor, settings: atrium }, { timeoutMs: 5000 }))).toBe('DELEGATION_PUBLISHED_CONFLICT');

    const stopped = await sendCommand(bus, SetPublication, { uai: UAI, actor, enabled: false }, { timeoutMs: 5000 });
    expect(stopped).toMatchObject({ published: false, enabled: false, baseInService: true });

    const cas = await sendCommand(bus, DefineCasDelegation, { uai: UAI, actor, settings: atrium }, { timeoutMs: 5000 });
    expect(cas.cas?.links.authentication).toBe('https://www.atrium-sud.fr/connexion/login?service=https%3A%2F%2F0750654D.index-education.net%2Fpronote%2F');
    const pane = await sendCommand(bus, GetDelegations, { uai: UAI }, { timeoutMs: 5000 });
    const protocol = pane.delegations.find((d) => d.kind === 'cas_protocol')!;
    await sendCommand(bus, SetDelegationActive, { uai: UAI, actor, delegationId: protocol.id, active: true }, { timeoutMs: 5000 });
    const chosen = await sendCommand(bus, SetEspaceDelegations, { uai: UAI, actor, choices: [{ espace: 'professeurs', delegation: 'cas' }] }, { timeoutMs: 5000 });
    expect(chosen.espaces.find((e) => e.espace === 'professeurs')).toMatchObject({ delegation: 'cas', casDelegationId: cas.id });

    // Nothing half-written: a refused choice leaves every espace as it was.
    expect(
      await codeOf(sendCommand(bus, SetEspaceDelegations, { uai: UAI, actor, choices: [{ espace: 'direction', delegation: 'cas' }, { espace: 'page_commune', delegation: 'cas' }] }, { timeoutMs: 5000 })),
    ).toBe('ESPACE_DELEGATION_NOT_ALLOWED');
    expect((await get()).espaces.find((e) => e.espace === 'direction')?.delegation).toBe('none');

    expect(await sendCommand(bus, SetPublication, { uai: UAI, actor, enabled: true }, { timeoutMs: 5000 })).toMatchObject({ published: true });
    // The SSO edge refuses a ticket for an espace that does not delegate to CAS, before any CAS call.
    expect(await codeOf(sendCommand(bus, ValidateCasTicket, { uai: UAI, espace: 'direction', mobile: false, ticket: 'ST-1' }, { timeoutMs: 5000 }))).toBe('CAS_NOT_CONFIGURED');
  });

  it('unpublishes when the base stops, refuses to publish without a base in service, applies the EDT espaces', async () => {
    await publishCopy(makeEnvelope(BaseServiceStopped, { ...baseRef, stoppedAt: new Date().toISOString(), reason: 'manager' }, { correlationId: 'test-stopped' }));
    await waitFor(async () => ((await get()).published ? undefined : true), { what: 'unpublication' });
    expect(await codeOf(sendCommand(bus, SetPublication, { uai: UAI, actor, enabled: true }, { timeoutMs: 5000 }))).toBe('PUBLICATION_NO_BASE_IN_SERVICE');

    const imported = { professeurs: 1, classes: 0, matieres: 0, groupes: 0, salles: 0, eleves: 0 };
    await publishCopy(makeEnvelope(BaseEdtImported, { ...baseRef, espaces: ['eleves'], imported, importedAt: new Date().toISOString() }, { correlationId: 'test-edt' }));
    await waitFor(async () => ((await get()).espaces.find((e) => e.espace === 'direction')?.published ? undefined : true), { what: 'EDT espaces' });
    const published = (await get()).espaces.filter((e) => e.published).map((e) => e.espace);
    expect(published.sort()).toEqual(['eleves', 'etablissement', 'page_commune']);
    expect((await stateEvents()).map((e) => e.published)).toEqual([true, false, true, false]);
  });
});
