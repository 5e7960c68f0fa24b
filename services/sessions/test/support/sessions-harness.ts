import { type Bus, connectBus, ensureStream, sendCommand } from '@pronote/bus';
import { AccountCreated, type CommandContract, type Envelope, type RequestOf, type ResponseOf, makeEnvelope } from '@pronote/contracts';
import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { TEST_DATABASE_URL } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from 'nats';
import pg from 'pg';

/** The sessions service alone on real Postgres and NATS; the test plays accounts, the gateway and the runtime by publishing their events. */
export interface SessionsHarness {
  platform: TestPlatform;
  bus: Bus;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  /** Publishes under a fresh Nats-Msg-Id, so the stream's dedupe cannot hide a repeat. */
  publish(envelope: Envelope): Promise<void>;
  send<C extends CommandContract>(contract: C, request: RequestOf<C>, timeoutMs?: number): Promise<ResponseOf<C>>;
  /** Publishes hosting.account.created and waits until sessions knows the school. */
  addSchool(uai: string, licences: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSessionsHarness(): Promise<SessionsHarness> {
  const platform = await startTestPlatform({ only: ['sessions'] });
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${platform.schemaOf('sessions')}` });
  const bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'sessions-test', subjectPrefix: platform.isolation.subjectPrefix });
  await bus.ready();
  await ensureStream(bus, { name: platform.isolation.stream });
  const query: SessionsHarness['query'] = async (sql, values) => (await pool.query(sql, values)).rows;
  const publish = async (envelope: Envelope) => {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', randomUUID());
    await bus.connection().jetstream().publish(bus.subject(envelope.subject), new TextEncoder().encode(JSON.stringify(envelope)), { headers: h });
  };
  return {
    platform,
    bus,
    query,
    publish,
    send: (contract, request, timeoutMs = 10_000) => sendCommand(bus, contract, request, { timeoutMs }),
    async addSchool(uai, licences) {
      await publish(makeEnvelope(AccountCreated, { accountId: randomUUID(), uai, schoolName: `Collège ${uai}`, licences, createdAt: new Date().toISOString() }, { correlationId: `test-${uai}` }));
      await waitUntil(async () => (await query('SELECT 1 FROM "School" WHERE uai = $1', [uai])).length === 1, `school ${uai}`);
    },
    async stop() {
      await bus.close();
      await pool.end();
      await platform.teardown();
    },
  };
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
