/**
 * Connection events, the platform's volume (every user of every school, most of them within minutes
 * at the start of the school day): a burst of runtime `connection_opened` / `connection_closed`
 * events published to JetStream and applied by the sessions service (its batch-mode consumer:
 * connections, seats "en modification", each event once), measured from the first publish to the
 * last event applied, against raw JetStream publishes of the same size measured in the same run.
 * No target in the issues: it says how far behind a morning burst the console's lists can fall.
 */
import { type Bus, connectBus, ensureStream } from '@pronote/bus';
import { AccountCreated, RuntimeConnectionClosed, RuntimeConnectionOpened, type Envelope, makeEnvelope, uaiCheckLetter } from '@pronote/contracts';
import { TEST_DATABASE_URL } from '@pronote/testing';
import { headers as natsHeaders } from 'nats';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startTestPlatform } from '../tools/platform/index.js';
import { duration } from './support/bench-env.js';
import { pidsNamed, sampleCpu, cpuPerUnit } from './support/process-cpu.js';
import { rawJetStreamPublishRate } from './support/raw-jetstream.js';
import { log, reportResult } from './support/result.js';

const SCHOOLS = 50;
const CONNECTIONS = duration(15_000, 1_500);
const IN_FLIGHT = 1000;
const RAW_MS = duration(10_000, 1_000);
const APPLY_TIMEOUT_MS = 300_000;
/** The sessions service's durable consumer of connection events. */
const CONSUMER = 'sessions-connections';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const encoder = new TextEncoder();

/** Publishes with `IN_FLIGHT` PubAcks awaited at once, each under its envelope id. */
async function publishAll(bus: Bus, envelopes: Envelope[]): Promise<void> {
  const js = bus.connection().jetstream();
  let next = 0;
  const lane = async () => {
    while (next < envelopes.length) {
      const envelope = envelopes[next++]!;
      const h = natsHeaders();
      h.set('Nats-Msg-Id', envelope.id);
      await js.publish(bus.subject(envelope.subject), encoder.encode(JSON.stringify(envelope)), { headers: h });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

const platform = await startTestPlatform({ only: ['sessions'] });
const db = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${platform.schemaOf('sessions')}` });
const bus = connectBus({ servers: 'nats://127.0.0.1:4222', name: 'bench-connection-events', subjectPrefix: platform.isolation.subjectPrefix });
const rawStream = `${platform.isolation.stream}_RAW`;
const count = async (sql: string, values: unknown[] = []) => Number((await db.query<{ n: string }>(sql, values)).rows[0]!.n);
try {
  await bus.ready();
  await ensureStream(bus, { name: platform.isolation.stream });
  await ensureStream(bus, { name: rawStream, subjects: ['raw.>'] });

  const uais = Array.from({ length: SCHOOLS }, (_, i) => {
    const digits = String(750_000 + i).padStart(7, '0');
    return `${digits}${uaiCheckLetter(digits)}`;
  });
  await publishAll(bus, uais.map((uai) => makeEnvelope(AccountCreated, { accountId: randomUUID(), uai, schoolName: `Collège ${uai}`, licences: 4, createdAt: new Date().toISOString() }, { correlationId: randomUUID() })));
  while ((await count('SELECT count(*) AS n FROM "School"')) < SCHOOLS) await sleep(50);

  const connections = Array.from({ length: CONNECTIONS }, (_, i) => ({
    connectionId: randomUUID(), uai: uais[i % SCHOOLS]!, baseId: randomUUID(), application: 'client' as const, mode: 'enseignant' as const,
    espace: null, editing: i % 10 === 0, userName: `Enseignant ${i}`, address: '10.0.0.7', openedAt: new Date().toISOString(),
  }));
  const leaving = connections.filter((_, i) => i % 3 === 0);
  const events = [
    ...connections.map((c) => makeEnvelope(RuntimeConnectionOpened, c, { correlationId: randomUUID() })),
    ...leaving.map((c) => makeEnvelope(RuntimeConnectionClosed, { ...c, closedAt: new Date().toISOString(), reason: 'client_closed' as const }, { correlationId: randomUUID() })),
  ];
  const payload = encoder.encode(JSON.stringify(events[0]));

  const raw = { stream: rawStream, subject: bus.subject('raw.bench'), payload, durationMs: RAW_MS, inFlight: IN_FLIGHT };
  const rawBefore = await rawJetStreamPublishRate(bus.connection(), raw);
  log(`raw JetStream publish (${IN_FLIGHT} in flight), before: ${Math.round(rawBefore)} msg/s`);

  const sessionsPid = platform.processes.get('sessions')?.pid;
  const parts = [['sessions process', sessionsPid], ...pidsNamed('nats-server').map((pid) => ['nats-server (shared)', pid])] as Array<[string, number | undefined]>;
  const cpuBefore = sampleCpu(parts);
  const startedAt = performance.now();
  await publishAll(bus, events);
  const publishedMs = performance.now() - startedAt;
  const deadline = Date.now() + APPLY_TIMEOUT_MS;
  const applied = () => count('SELECT count(*) AS n FROM "ProcessedMessage" WHERE consumer = $1', [CONSUMER]);
  while ((await applied()) < events.length && Date.now() < deadline) await sleep(20);
  const elapsedMs = performance.now() - startedAt;
  log(`CPU per event: ${cpuPerUnit(cpuBefore, sampleCpu(parts), events.length)}`);

  const rawAfter = await rawJetStreamPublishRate(bus.connection(), raw);
  log(`raw JetStream publish (${IN_FLIGHT} in flight), after: ${Math.round(rawAfter)} msg/s`);

  const metrics = await (await fetch(`http://127.0.0.1:${platform.processes.get('sessions')!.options.env['HTTP_PORT']}/metrics`)).text();
  const series = (name: string) => Number(/ (\S+)$/.exec(metrics.split('\n').find((line) => line.startsWith(`${name}{`) && line.includes(`consumer="${CONSUMER}"`)) ?? ' NaN')![1]);
  const open = connections.length - leaving.length;
  const seats = connections.filter((c, i) => c.editing && i % 3 !== 0).length;
  const state = {
    applied: await applied(),
    connections: await count('SELECT count(*) AS n FROM "Connection"'),
    seats: await count('SELECT count(*) AS n FROM "LicenceSeat"'),
    seatsCounted: await count('SELECT coalesce(sum("seatsInUse"), 0) AS n FROM "School"'),
  };
  log(`state after the burst: ${JSON.stringify(state)} (expected ${events.length} applied, ${open} connections, ${seats} seats)`);

  const eventsPerSecond = (events.length * 1000) / elapsedMs;
  const baseline = (rawBefore + rawAfter) / 2;
  reportResult({
    name: 'connection-events',
    project: { label: 'published → applied by sessions', value: eventsPerSecond, unit: 'events/s' },
    baseline: { label: `raw JetStream publish, ${IN_FLIGHT} in flight`, value: baseline, unit: 'msg/s' },
    ratio: eventsPerSecond / baseline,
    figures: [
      { label: 'events', value: events.length, unit: '' },
      { label: 'schools', value: SCHOOLS, unit: '' },
      { label: 'all published after', value: publishedMs, unit: 'ms' },
      { label: 'all applied after', value: elapsedMs, unit: 'ms' },
      { label: 'mean batch', value: series('nats_event_batch_size_sum') / series('nats_event_batch_size_count'), unit: 'events' },
    ],
    targets: [
      {
        label: 'every event applied once, connections and seats as expected',
        met: state.applied === events.length && state.connections === open && state.seats === seats && state.seatsCounted === seats,
      },
    ],
  });
} finally {
  const jsm = await bus.connection().jetstreamManager().catch(() => undefined);
  await jsm?.streams.delete(rawStream).catch(() => undefined);
  await bus.close();
  await db.end();
  await platform.teardown();
}
