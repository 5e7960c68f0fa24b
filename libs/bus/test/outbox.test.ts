import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { connectBus, ensureStream, OUTBOX_EVENT_TABLE_SQL, OutboxRelay, outboxRecord, type Bus } from '../src/index.js';
import { baseCreated, capturingLogger, delay, NATS_URL, uniqueToken, waitFor } from './support/fixtures.js';
import { BATCH_SETTINGS_SQL, lockOldestRowsSql } from '../src/outbox/outbox-relay.js';
import { insertOutboxRows, outboxState, streamEnvelopeIds } from './support/outbox-rows.js';
import { createSchemaPool, dropSchemaPool } from './support/postgres.js';

const schema = uniqueToken('bus_outbox');
let pool: pg.Pool;
let bus: Bus;
let stream: string;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  pool = await createSchemaPool(schema);
  await pool.query(OUTBOX_EVENT_TABLE_SQL);
  bus = connectBus({ servers: NATS_URL, name: 'bus-outbox-test', subjectPrefix: uniqueToken('outbox') });
});

beforeEach(async () => {
  stream = uniqueToken('BUS_OUTBOX').toUpperCase();
  await ensureStream(bus, { name: stream, storage: 'memory' });
  await pool.query(`TRUNCATE "OutboxEvent"`);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await (await bus.connection().jetstreamManager()).streams.delete(stream);
});

afterAll(async () => {
  await bus.close();
  await dropSchemaPool(pool, schema);
});

function relay(options: { pollIntervalMs?: number; batchSize?: number } = {}): OutboxRelay {
  const created = new OutboxRelay({ bus, pool, schema, logger: capturingLogger().logger, ...options });
  relays.push(created);
  return created;
}

describe('outbox', () => {
  it('builds the row from a validated envelope whose id is the row id', () => {
    const record = outboxRecord(
      baseCreated,
      { baseId: '7b0f4a8e-2f4e-4d53-a1d2-0c7e0d3c9a11', uai: '0750654D', year: '2022-2023' },
      { correlationId: 'corr-1', causationId: 'cause-1' },
    );
    expect(record.subject).toBe('hosting.base.created.v1');
    expect(record.envelope).toMatchObject({ id: record.id, correlationId: 'corr-1', causationId: 'cause-1', version: 1 });
    expect(() => outboxRecord(baseCreated, { baseId: 'x', uai: 'y', year: 'z' }, { correlationId: 'c' })).toThrow();
  });

  it('publishes committed rows in commit order, marks them after the PubAck, and wakes on notify()', async () => {
    const outbox = relay({ pollIntervalMs: 60_000 });
    outbox.start();
    await delay(100); // the relay has polled once and now sleeps for a minute
    const ids = await insertOutboxRows(pool, 5);
    outbox.notify();

    await waitFor(async () => (await outboxState(pool)).every((row) => row.published), 5000, 'rows marked');
    expect(await streamEnvelopeIds(bus.connection(), stream)).toEqual(ids);
    expect((await outboxState(pool)).map((row) => row.attempts)).toEqual([1, 1, 1, 1, 1]);
    expect(outbox.stats()).toEqual({ published: 5, duplicates: 0, failures: 0 });
  });

  it('lets the stream drop a row published again after a crash before its mark', async () => {
    const [id] = await insertOutboxRows(pool, 1);
    const first = relay();
    first.start();
    await waitFor(async () => (await outboxState(pool))[0]!.published, 5000, 'first publish');
    await first.stop();
    await pool.query(`UPDATE "OutboxEvent" SET "publishedAt" = NULL`); // as if the commit had been lost

    const second = relay();
    second.start();
    await waitFor(async () => (await outboxState(pool))[0]!.published, 5000, 'second publish');
    expect(second.stats()).toEqual({ published: 0, duplicates: 1, failures: 0 });
    expect(await streamEnvelopeIds(bus.connection(), stream)).toEqual([id]);
  });

  it('keeps the stream in commit order across batches while the previous batch commits', async () => {
    const ids = await insertOutboxRows(pool, 120);
    const outbox = relay({ batchSize: 10 });
    outbox.start();

    await waitFor(async () => (await outboxState(pool)).every((row) => row.published), 10_000, 'all rows marked');
    expect(await streamEnvelopeIds(bus.connection(), stream)).toEqual(ids);
    expect(outbox.stats()).toEqual({ published: 120, duplicates: 0, failures: 0 });
  });

  it('marks the rows of a batch that were stored and records the error of those that were not', async () => {
    const [first] = await insertOutboxRows(pool, 1);
    const stray = outboxRecord(baseCreated, { baseId: randomUUID(), uai: '0750654D', year: '2022-2023' }, { correlationId: 'corr-stray' });
    // No stream listens to this subject: JetStream refuses the publish.
    await pool.query(`INSERT INTO "OutboxEvent" ("id", "subject", "envelope") VALUES ($1, $2, $3)`, [
      stray.id,
      'nowhere.v1',
      { ...stray.envelope, subject: 'nowhere.v1' },
    ]);
    const [last] = await insertOutboxRows(pool, 1);
    const outbox = relay({ pollIntervalMs: 60_000 });
    outbox.start();

    await waitFor(async () => (await outboxState(pool)).some((row) => row.attempts > 0), 5000, 'the batch marked');
    const { rows } = await pool.query<{ id: string; published: boolean; attempts: number; lastError: string | null }>(
      `SELECT "id", "publishedAt" IS NOT NULL AS published, "attempts", "lastError" FROM "OutboxEvent" ORDER BY "createdAt"`,
    );
    expect(rows.map(({ id, published, attempts }) => ({ id, published, attempts }))).toEqual([
      { id: first, published: true, attempts: 1 },
      { id: stray.id, published: false, attempts: 1 },
      { id: last, published: true, attempts: 1 },
    ]);
    expect(rows[1]!.lastError).toEqual(expect.any(String));
    expect([rows[0]!.lastError, rows[2]!.lastError]).toEqual([null, null]);
    expect(outbox.stats()).toEqual({ published: 2, duplicates: 0, failures: 1 });
    expect(await streamEnvelopeIds(bus.connection(), stream)).toEqual([first, last]);
  });

  it('locks a batch by reading the index in order, whatever the published rows left behind', async () => {
    await insertOutboxRows(pool, 1);
    await pool.query(`INSERT INTO "OutboxEvent" ("id", "subject", "envelope")
      SELECT gen_random_uuid(), 'hosting.base.created.v1', '{}'::jsonb FROM generate_series(1, 5000)`);
    await pool.query(`UPDATE "OutboxEvent" SET "publishedAt" = now()`); // marked: dead index entries until a vacuum
    await insertOutboxRows(pool, 5);

    const client = await pool.connect();
    try {
      await client.query(`BEGIN; ${BATCH_SETTINGS_SQL}`);
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${lockOldestRowsSql('"OutboxEvent"', 100)}`);
      const plan = JSON.stringify(rows[0]['QUERY PLAN']);
      expect(plan).toContain('"Index Scan"');
      expect(plan).not.toContain('"Sort"');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('two relays over the same table publish each row exactly once', async () => {
    const ids = await insertOutboxRows(pool, 300);
    const relayA = relay({ batchSize: 20, pollIntervalMs: 20 });
    const relayB = relay({ batchSize: 20, pollIntervalMs: 20 });
    relayA.start();
    relayB.start();

    await waitFor(async () => (await outboxState(pool)).every((row) => row.published), 20_000, 'all rows');
    const [a, b] = [relayA.stats(), relayB.stats()];
    expect(a.published + b.published).toBe(300);
    expect(a.duplicates + b.duplicates).toBe(0);
    expect(a.published).toBeGreaterThan(0);
    expect(b.published).toBeGreaterThan(0);
    expect((await outboxState(pool)).every((row) => row.attempts === 1)).toBe(true);
    expect((await streamEnvelopeIds(bus.connection(), stream)).sort()).toEqual([...ids].sort());
  });
});
