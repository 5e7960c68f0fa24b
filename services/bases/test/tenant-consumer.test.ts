import { type Bus, connectBus, ensureStream } from '@pronote/bus';
import { AccountCreated, makeEnvelope, type Envelope } from '@pronote/contracts';
import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import type { ServiceProcess } from '@pronote/supervisor';
import { TEST_DATABASE_URL, waitFor } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from 'nats';
import pg from 'pg';

/**
 * The bases service consuming hosting.account.created (issue #2): at-least-once delivery means the
 * same event can arrive twice or after a crash; the school must be recorded exactly once.
 */
describe('bases: tenant consumer', () => {
  const db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  let platform: TestPlatform;
  let schema: string;
  let bus: Bus;
  let service: ServiceProcess;

  /** Publishes the envelope under a fresh Nats-Msg-Id, so the stream's dedupe cannot hide a repeat. */
  const publishCopy = async (envelope: Envelope): Promise<void> => {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', randomUUID());
    await bus.connection().jetstream().publish(bus.subject(envelope.subject), new TextEncoder().encode(JSON.stringify(envelope)), { headers: h });
  };

  const accountEvent = (uai: string) =>
    makeEnvelope(
      AccountCreated,
      { accountId: randomUUID(), uai, schoolName: `École ${uai}`, licences: 4, createdAt: new Date().toISOString() },
      { correlationId: `test-${uai}` },
    );

  const tenantCount = async (uai: string): Promise<number> =>
    Number((await db.query(`SELECT count(*) FROM "${schema}"."Tenant" WHERE uai = $1`, [uai])).rows[0].count);

  beforeAll(async () => {
    platform = await startTestPlatform({ only: ['bases'], extraEnv: { bases: { NATS_ACK_WAIT_MS: '2000' } } });
    schema = platform.schemaOf('bases');
    service = platform.processes.get('bases')!;
    await db.connect();
    bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'tenant-test', subjectPrefix: platform.isolation.subjectPrefix });
    await bus.ready();
    await ensureStream(bus, { name: platform.isolation.stream });
  }, 60_000);

  afterAll(async () => {
    await bus?.close();
    await db.end();
    await platform?.teardown();
  }, 30_000);

  it('records a school once when the same event is delivered twice', async () => {
    const event = accountEvent('0750654D');
    await publishCopy(event);
    await publishCopy(event);
    await waitFor(async () => (await tenantCount('0750654D')) === 1 || undefined, { what: 'the tenant' });
    await waitFor(
      async () => {
        const info = await (await bus.connection().jetstreamManager()).consumers.info(platform.isolation.stream, 'bases-tenants');
        return info.num_ack_pending === 0 && info.num_pending === 0 ? true : undefined;
      },
      { what: 'both copies to be handled' },
    );
    expect(await tenantCount('0750654D')).toBe(1);
    const claims = await db.query(`SELECT count(*) FROM "${schema}"."ProcessedMessage" WHERE "messageId" = $1`, [event.id]);
    expect(claims.rows[0].count).toBe('1');
  });

  it('gets a message again after being killed between delivery and ack, and completes it', async () => {
    process.kill(service.pid!, 'SIGSTOP'); // frozen: the message reaches it but is never acked
    const event = accountEvent('0750653C');
    await publishCopy(event);
    await new Promise((r) => setTimeout(r, 500));
    process.kill(service.pid!, 'SIGCONT');
    await service.kill(); // SIGKILL: no shutdown hooks, no ack, no nak
    expect(await tenantCount('0750653C')).toBeLessThanOrEqual(1);

    service.start();
    await service.waitReady();
    await waitFor(async () => (await tenantCount('0750653C')) === 1 || undefined, { timeoutMs: 20_000, what: 'redelivery' });
    expect(await tenantCount('0750653C')).toBe(1);
  }, 60_000);
});
