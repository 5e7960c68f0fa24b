import { randomUUID } from 'node:crypto';
import { makeEnvelope, type Envelope } from '@pronote/contracts';
import { createMetricsRegistry, processMetrics } from '@pronote/observability';
import {
  claimMessage,
  claimMessages,
  publishEnvelope,
  startConsumer,
  type Bus,
  type ReceivedEvent,
} from '../src/index.js';
import { baseCreated, capturingLogger, waitFor } from './support/fixtures.js';
import { inTransaction, rawExecutor, rawQuerier } from './support/postgres.js';
import { consumerHarness } from './support/consumer-harness.js';

const harness = consumerHarness('batch');
const { cleanups, isolatedBus } = harness;
beforeAll(() => createMetricsRegistry('bus-batch-test'));

/** A series' value in the process registry, e.g. metric('nats_events_handled_total', { consumer: 'x', outcome: 'handled' }). */
async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = (await processMetrics().metrics()).split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((label) => l.includes(label)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const envelope = (): Envelope => makeEnvelope(baseCreated, { baseId: randomUUID(), uai: '0750654D', year: '2022-2023' }, { correlationId: randomUUID() });

/** What a service's batch handler does: claim the batch and write the effects of the new ones, in one transaction. */
function recordEffectsOnce(consumerName: string, batchSizes: number[]) {
  return async (events: ReceivedEvent[]) => {
    batchSizes.push(events.length);
    await inTransaction(harness.pool(), async (client) => {
      const claimed = await claimMessages(rawQuerier(client), consumerName, events.map((event) => event.envelope.id));
      const fresh = events.filter((event) => claimed.has(event.envelope.id)).map((event) => event.envelope.id);
      await client.query(`INSERT INTO "Effect" ("envelopeId") SELECT unnest($1::text[])`, [fresh]);
    });
  };
}

function recordEffectOnce(consumerName: string, seen: string[]) {
  return async (event: ReceivedEvent) => {
    seen.push(event.envelope.id);
    await inTransaction(harness.pool(), async (client) => {
      if (!(await claimMessage(rawExecutor(client), consumerName, event.envelope.id))) return;
      await client.query(`INSERT INTO "Effect" ("envelopeId") VALUES ($1)`, [event.envelope.id]);
    });
  };
}

async function effectCounts(ids: string[]): Promise<number[]> {
  const { rows } = await harness.pool().query<{ envelopeId: string; count: string }>(
    `SELECT "envelopeId", count(*) FROM "Effect" WHERE "envelopeId" = ANY($1) GROUP BY "envelopeId"`,
    [ids],
  );
  const counts = new Map(rows.map((row) => [row.envelopeId, Number(row.count)]));
  return ids.map((id) => counts.get(id) ?? 0);
}

describe('durable consumer in batch mode', () => {
  it('claimMessages claims each id once, across calls and within one call', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await inTransaction(harness.pool(), (client) => claimMessages(rawQuerier(client), 'claims', [a, b, a]));
    const second = await inTransaction(harness.pool(), (client) => claimMessages(rawQuerier(client), 'claims', [b, c]));
    expect([...first].sort()).toEqual([a, b].sort());
    expect([...second]).toEqual([c]);
  });

  it('applies a backlog in batches, each event once, even when some were already handled', async () => {
    const { bus, stream } = await isolatedBus();
    const envelopes = Array.from({ length: 60 }, envelope);
    // A third of them were handled before (e.g. by the one-by-one handler before a redelivery).
    await inTransaction(harness.pool(), (client) => claimMessages(rawQuerier(client), 'batch.once', envelopes.slice(0, 20).map((e) => e.id)));
    for (const e of envelopes) await publishEnvelope(bus, e);
    const batchSizes: number[] = [];
    const single: string[] = [];
    const consumer = startConsumer(bus, {
      stream,
      durable: 'batch-once',
      contracts: [baseCreated],
      logger: capturingLogger().logger,
      concurrency: 2,
      maxBatch: 25,
      handler: recordEffectOnce('batch.once', single),
      batchHandler: recordEffectsOnce('batch.once', batchSizes),
    });
    cleanups.push(() => consumer.stop());

    const fresh = envelopes.slice(20).map((e) => e.id);
    await waitFor(async () => (await effectCounts(fresh)).every((count) => count === 1), 10_000, 'the 40 effects');
    await waitFor(async () => (await consumerInfo(bus, stream)).num_ack_pending === 0, 10_000, 'every message acked');
    expect(await effectCounts(envelopes.slice(0, 20).map((e) => e.id))).toEqual(Array(20).fill(0));
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(25);
    expect(batchSizes.reduce((a, b) => a + b, 0) + single.length).toBe(60);
    // Metrics: every event taken once as handled; the batches' sizes add up to them, in fewer batches.
    expect(await metric('nats_events_handled_total', { consumer: 'batch-once', outcome: 'handled' })).toBe(60);
    expect(await metric('nats_event_batch_size_sum', { consumer: 'batch-once' })).toBe(60);
    expect(await metric('nats_event_batch_size_count', { consumer: 'batch-once' })).toBeLessThan(60);
  });

  it('falls back to one-by-one handling when a batch fails, so one bad event does not hold the others back', async () => {
    const { bus, stream } = await isolatedBus();
    const envelopes = Array.from({ length: 12 }, envelope);
    const poisoned = envelopes[5]!.id;
    for (const e of envelopes) await publishEnvelope(bus, e);
    const single: string[] = [];
    const tried: string[] = [];
    const logs = capturingLogger();
    const effectOnce = recordEffectOnce('batch.fallback', single);
    const consumer = startConsumer(bus, {
      stream,
      durable: 'batch-fallback',
      contracts: [baseCreated],
      logger: logs.logger,
      maxDeliver: 1,
      maxBatch: 50,
      handler: async (event) => {
        tried.push(event.envelope.id);
        if (event.envelope.id === poisoned) throw new Error('this event cannot be applied');
        await effectOnce(event);
      },
      batchHandler: async (events) => {
        if (events.some((event) => event.envelope.id === poisoned)) throw new Error('this event cannot be applied');
        await recordEffectsOnce('batch.fallback', [])(events);
      },
    });
    cleanups.push(() => consumer.stop());

    const good = envelopes.filter((e) => e.id !== poisoned).map((e) => e.id);
    await waitFor(async () => (await effectCounts(good)).every((count) => count === 1), 10_000, 'the 11 good effects');
    await waitFor(() => logs.lines().some((line) => line['alert'] === true), 10_000, 'the poisoned event terminated');
    expect(await effectCounts([poisoned])).toEqual([0]);
    expect(tried).toContain(poisoned);
    expect(logs.lines().some((line) => line['msg'] === 'batch handler failed: handling its events one by one')).toBe(true);
    expect(await metric('nats_events_handled_total', { consumer: 'batch-fallback', outcome: 'terminated' })).toBe(1);
    expect(await metric('nats_events_handled_total', { consumer: 'batch-fallback', outcome: 'handled' })).toBe(11);
  });
});

async function consumerInfo(bus: Bus, stream: string) {
  await bus.connection().flush();
  const jsm = await bus.connection().jetstreamManager();
  const durables = await jsm.consumers.list(stream).next();
  return durables[0]!;
}
