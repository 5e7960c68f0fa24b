import type pg from 'pg';
import {
  connectBus,
  ensureStream,
  OUTBOX_EVENT_TABLE_SQL,
  OutboxRelay,
  startConsumer,
  type Bus,
  type ConsumerHandle,
} from '../src/index.js';
import { baseCreated, capturingLogger, delay, uniqueToken, waitFor } from './support/fixtures.js';
import { NatsServerProcess } from '@pronote/testing';
import { insertOutboxRows, outboxState, streamEnvelopeIds } from './support/outbox-rows.js';
import { createSchemaPool, dropSchemaPool } from './support/postgres.js';

const STREAM = 'HOSTING';
const schema = uniqueToken('bus_outage');
let nats: NatsServerProcess;
let pool: pg.Pool;
let bus: Bus;
let relay: OutboxRelay;
let consumer: ConsumerHandle;
const received: string[] = [];

beforeAll(async () => {
  nats = await NatsServerProcess.create();
  pool = await createSchemaPool(schema);
  await pool.query(OUTBOX_EVENT_TABLE_SQL);
});

afterAll(async () => {
  await consumer?.stop();
  await relay?.stop();
  await bus?.close();
  await nats.dispose();
  await dropSchemaPool(pool, schema);
});

describe('NATS outage (private nats-server, killed and restarted)', () => {
  it('starts while NATS is down: not ready, nothing lost, everything published and consumed once it is up', async () => {
    bus = connectBus({ servers: nats.url, name: 'bus-outage-test', reconnectTimeWaitMs: 250 });
    const { logger } = capturingLogger();
    relay = new OutboxRelay({ bus, pool, schema, logger, pollIntervalMs: 100 });
    relay.start();
    consumer = startConsumer(bus, {
      stream: STREAM,
      durable: 'outage',
      contracts: [baseCreated],
      logger,
      handler: async (event) => {
        received.push(event.envelope.id);
      },
    });
    const beforeStart = await insertOutboxRows(pool, 20);
    await delay(500);
    expect(bus.isConnected()).toBe(false);
    expect((await outboxState(pool)).every((row) => !row.published && row.attempts === 0)).toBe(true);

    await nats.start();
    await bus.ready();
    expect(bus.isConnected()).toBe(true);
    await ensureStream(bus);

    await waitFor(() => received.length >= 20, 15_000, 'events published before NATS started');
    expect(new Set(received)).toEqual(new Set(beforeStart));
    expect(await streamEnvelopeIds(bus.connection(), STREAM)).toEqual(beforeStart);
  });

  it('survives a NATS restart: rows committed meanwhile are published, the idle consumer resumes by itself', async () => {
    await nats.stop();
    await waitFor(() => !bus.isConnected(), 5000, 'disconnection');
    const duringOutage = await insertOutboxRows(pool, 15);
    await delay(500);

    await nats.start();
    await waitFor(() => bus.isConnected(), 10_000, 'reconnection');
    const afterRestart = await insertOutboxRows(pool, 5);
    relay.notify();

    const expected = [...duringOutage, ...afterRestart];
    await waitFor(() => expected.every((id) => received.includes(id)), 30_000, 'events after the restart');
    const stored = await streamEnvelopeIds(bus.connection(), STREAM);
    expect(stored).toHaveLength(40);
    expect(new Set(stored).size).toBe(40);
    expect((await outboxState(pool)).every((row) => row.published)).toBe(true);
  }, 60_000); // its waits add up to more than the default 30 s
});
