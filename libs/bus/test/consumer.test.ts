import { randomUUID } from 'node:crypto';
import { makeEnvelope, type Envelope } from '@pronote/contracts';
import { currentContext, type RequestContext } from '@pronote/observability';
import {
  claimMessage,
  connectBus,
  isEventOf,
  publishEnvelope,
  startConsumer,
  type Bus,
  type ConsumerHandle,
  type ConsumerOptions,
  type ReceivedEvent,
} from '../src/index.js';
import {
  backupCompleted,
  baseCreated,
  capturingLogger,
  delay,
  NATS_URL,
  waitFor,
} from './support/fixtures.js';
import { inTransaction, rawExecutor } from './support/postgres.js';
import { consumerHarness } from './support/consumer-harness.js';

const harness = consumerHarness('consumer');
const { cleanups, isolatedBus } = harness;

function consume(bus: Bus, options: Omit<ConsumerOptions, 'logger'> & Partial<Pick<ConsumerOptions, 'logger'>>): ConsumerHandle {
  const handle = startConsumer(bus, { logger: capturingLogger().logger, ...options });
  cleanups.push(() => handle.stop());
  return handle;
}

function envelopeFor(correlationId: string = randomUUID()): Envelope {
  return makeEnvelope(baseCreated, { baseId: randomUUID(), uai: '0750654D', year: '2022-2023' }, { correlationId });
}

/** Publishes the same envelope under another Nats-Msg-Id: what a republish beyond the duplicate window looks like. */
async function publishCopy(bus: Bus, envelope: Envelope): Promise<void> {
  await bus.connection().jetstream().publish(bus.subject(envelope.subject), JSON.stringify(envelope), { msgID: randomUUID() });
}

/** The handler a service writes: claim and effect in one transaction. */
function recordEffectOnce(consumerName: string) {
  return async (event: ReceivedEvent) => {
    await inTransaction(harness.pool(), async (client) => {
      if (!(await claimMessage(rawExecutor(client), consumerName, event.envelope.id))) return;
      await client.query(`INSERT INTO "Effect" ("envelopeId") VALUES ($1)`, [event.envelope.id]);
    });
  };
}

async function effectsOf(envelopeId: string): Promise<number> {
  const { rows } = await harness.pool().query<{ count: string }>(`SELECT count(*) FROM "Effect" WHERE "envelopeId" = $1`, [envelopeId]);
  return Number(rows[0]!.count);
}

async function consumerInfo(bus: Bus, stream: string, durable: string) {
  await bus.connection().flush();
  return (await bus.connection().jetstreamManager()).consumers.info(stream, durable);
}

describe('durable consumer', () => {
  it('hands a validated event to the handler in its correlation context, and a redelivered copy changes state once', async () => {
    const { bus, stream } = await isolatedBus();
    const envelope = envelopeFor('corr-once');
    const contexts: Array<RequestContext | undefined> = [];
    const payloads: unknown[] = [];
    const effectOnce = recordEffectOnce('test.once');
    consume(bus, {
      stream,
      durable: 'once',
      contracts: [baseCreated],
      handler: async (event) => {
        contexts.push(currentContext());
        if (isEventOf(event, baseCreated)) payloads.push(event.envelope.payload.uai);
        await effectOnce(event);
      },
    });

    await publishEnvelope(bus, envelope);
    await publishCopy(bus, envelope);

    await waitFor(() => contexts.length === 2, 10_000, 'two deliveries');
    expect(contexts[0]).toEqual({ correlationId: 'corr-once', causationId: envelope.id });
    expect(payloads).toEqual(['0750654D', '0750654D']);
    expect(await effectsOf(envelope.id)).toBe(1);
  });

  it('redelivers after a failing handler, which then completes', async () => {
    const { bus, stream } = await isolatedBus();
    const envelope = envelopeFor();
    const deliveries: number[] = [];
    const effectOnce = recordEffectOnce('test.retry');
    consume(bus, {
      stream,
      durable: 'retry',
      contracts: [baseCreated],
      retryDelayMs: () => 100,
      handler: async (event) => {
        deliveries.push(event.deliveryCount);
        if (event.deliveryCount === 1) throw new Error('database hiccup');
        await effectOnce(event);
      },
    });
    await publishEnvelope(bus, envelope);

    await waitFor(async () => (await effectsOf(envelope.id)) === 1, 10_000, 'the effect');
    expect(deliveries).toEqual([1, 2]);
  });

  it('gets a message again when the instance handling it dies before acking', async () => {
    const { bus, stream } = await isolatedBus();
    const envelope = envelopeFor();
    let releaseStuckHandler: () => void = () => undefined;
    const firstDeliveries: number[] = [];
    const dying = connectBus({ servers: NATS_URL, name: 'bus-consumer-dying', subjectPrefix: bus.subjectPrefix });
    const dyingHandle = startConsumer(dying, {
      stream,
      durable: 'crash',
      contracts: [baseCreated],
      ackWaitMs: 1000,
      logger: capturingLogger().logger,
      handler: async (event) => {
        firstDeliveries.push(event.deliveryCount);
        await new Promise<void>((resolve) => (releaseStuckHandler = resolve));
      },
    });
    await publishEnvelope(bus, envelope);
    await waitFor(() => firstDeliveries.length === 1, 10_000, 'first delivery');

    await dying.connection().close(); // the process dies: no ack, no drain

    const secondDeliveries: number[] = [];
    consume(bus, {
      stream,
      durable: 'crash',
      contracts: [baseCreated],
      ackWaitMs: 1000,
      handler: async (event) => {
        secondDeliveries.push(event.deliveryCount);
      },
    });
    await waitFor(() => secondDeliveries.length === 1, 10_000, 'redelivery');
    expect(secondDeliveries).toEqual([2]);
    releaseStuckHandler();
    await dyingHandle.stop();
  });

  it('stop() lets the message in hand finish and be acked before returning', async () => {
    const { bus, stream } = await isolatedBus();
    let started = false;
    let finished = false;
    const handle = startConsumer(bus, {
      stream,
      durable: 'graceful',
      contracts: [baseCreated],
      logger: capturingLogger().logger,
      handler: async () => {
        started = true;
        await delay(300);
        finished = true;
      },
    });
    await publishEnvelope(bus, envelopeFor());
    await waitFor(() => started, 10_000, 'handler start');

    await handle.stop();

    expect(finished).toBe(true);
    const info = await consumerInfo(bus, stream, 'graceful');
    expect(info.num_ack_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(1);
  });

  it('terminates poison messages (bad payload, unknown subject, not JSON) without retrying them', async () => {
    const { bus, stream } = await isolatedBus();
    const { logger, lines } = capturingLogger();
    const handled: string[] = [];
    consume(bus, {
      stream,
      durable: 'poison',
      contracts: [baseCreated],
      filterSubjects: ['hosting.>'],
      ackWaitMs: 1000,
      logger,
      handler: async (event) => {
        handled.push(event.envelope.id);
      },
    });
    const js = bus.connection().jetstream();
    const badPayload = { ...envelopeFor('corr-poison'), payload: { baseId: 'nope' } };
    await js.publish(bus.subject(baseCreated.subject), JSON.stringify(badPayload));
    const unknown = { ...envelopeFor('corr-unknown'), subject: 'hosting.unknown.thing.v1' };
    await js.publish(bus.subject('hosting.unknown.thing.v1'), JSON.stringify(unknown));
    await js.publish(bus.subject(baseCreated.subject), 'not json');
    const valid = envelopeFor();
    await publishEnvelope(bus, valid);

    await waitFor(() => handled.length === 1, 10_000, 'the valid message');
    await delay(1500); // beyond ack wait: a poison message that was not terminated would come back
    expect(handled).toEqual([valid.id]);
    const info = await consumerInfo(bus, stream, 'poison');
    expect(info.num_redelivered).toBe(0);
    expect(info.num_ack_pending).toBe(0);
    const poisonLogs = lines().filter((line) => line.msg === 'poison message terminated');
    expect(poisonLogs).toHaveLength(3);
    expect(poisonLogs[0]).toMatchObject({ subject: baseCreated.subject, correlationId: 'corr-poison', level: 'error' });
    expect(poisonLogs[1]).toMatchObject({ subject: 'hosting.unknown.thing.v1', correlationId: 'corr-unknown' });
  });

  it('terminates a message whose handler fails on every allowed delivery, with an alert', async () => {
    const { bus, stream } = await isolatedBus();
    const { logger, lines } = capturingLogger();
    const deliveries: number[] = [];
    consume(bus, {
      stream,
      durable: 'exhausted',
      contracts: [baseCreated],
      maxDeliver: 3,
      ackWaitMs: 1000,
      retryDelayMs: () => 50,
      logger,
      handler: async (event) => {
        deliveries.push(event.deliveryCount);
        throw new Error('always broken');
      },
    });
    const envelope = envelopeFor('corr-exhausted');
    await publishEnvelope(bus, envelope);

    await waitFor(() => lines().some((line) => line.alert === true), 10_000, 'the alert');
    await delay(1200);
    expect(deliveries).toEqual([1, 2, 3]);
    expect(lines().find((line) => line.alert === true)).toMatchObject({
      envelopeId: envelope.id,
      correlationId: 'corr-exhausted',
      deliveryCount: 3,
    });
    expect((await consumerInfo(bus, stream, 'exhausted')).num_ack_pending).toBe(0);
  });

  it('consumes several contracts and skips stream subjects outside its filter', async () => {
    const { bus, stream } = await isolatedBus();
    const { logger, lines } = capturingLogger();
    const subjects: string[] = [];
    consume(bus, {
      stream,
      durable: 'multi',
      contracts: [baseCreated, backupCompleted],
      logger,
      handler: async (event) => {
        subjects.push(event.envelope.subject);
      },
    });
    await publishEnvelope(bus, makeEnvelope(backupCompleted, { backupId: 'b1' }, { correlationId: 'c1' }));
    const other = { ...envelopeFor(), subject: 'hosting.other.thing.v1' };
    await bus.connection().jetstream().publish(bus.subject(other.subject), JSON.stringify(other));
    await publishEnvelope(bus, envelopeFor());

    await waitFor(() => subjects.length === 2, 10_000, 'both contracts');
    await delay(200);
    expect(subjects).toEqual([backupCompleted.subject, baseCreated.subject]);
    expect(lines().filter((line) => line.msg === 'poison message terminated')).toHaveLength(0);
  });
});
