import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Bus, type ReceivedEvent, connectBus, publishEvent } from '@pronote/bus';
import { defineEvent } from '@pronote/contracts';
import { createLogger } from '@pronote/observability';
import { isolation, waitFor } from '@pronote/testing';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { EventConsumer } from '../src/consumer-host.js';
import { coreModules } from '../src/core-modules.js';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const Pinged = defineEvent('hosting.test.pinged', 1, z.object({ n: z.number() }));

/** A service whose stream does not exist yet when it starts: its consumers wait for it instead of failing. */
describe('ConsumerHost on a service started before its stream exists', () => {
  const iso = isolation();
  const lines: Array<{ level: string; msg: string }> = [];
  const received: number[] = [];
  let client: Bus;

  @EventConsumer()
  class PingConsumer {
    consumer() {
      return {
        durable: 'pings',
        contracts: [Pinged],
        handler: async (event: ReceivedEvent) => {
          received.push((event.envelope.payload as { n: number }).n);
        },
      };
    }
  }

  afterAll(async () => {
    const streams = (await client.connection().jetstreamManager()).streams;
    await streams.delete(iso.stream).catch(() => undefined);
    await client.close();
  });

  it('starts the consumers once the service created the stream: no "stream not found" retry, and events are handled', async () => {
    client = connectBus({ servers: NATS_URL, name: 'consumer-host-test', subjectPrefix: iso.subjectPrefix });
    await client.ready();
    const streams = (await client.connection().jetstreamManager()).streams;
    await expect(streams.info(iso.stream)).rejects.toThrow(/stream not found/);

    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: string; msg: string });
        done();
      },
    });
    const logger = createLogger({ service: 'consumer-host-test', level: 'info', destination });
    const config = {
      NATS_URL,
      NATS_SUBJECT_PREFIX: iso.subjectPrefix,
      NATS_STREAM: iso.stream,
      NATS_ACK_WAIT_MS: 5_000,
      NATS_MAX_DELIVER: 3,
      NATS_CONSUMER_CONCURRENCY: 1,
    };
    @Module({ imports: coreModules({ service: 'consumer-host-test', logger, config }), providers: [PingConsumer] })
    class TestServiceModule {}

    const app = await NestFactory.createApplicationContext(TestServiceModule, { logger: false });
    try {
      await app.init();
      await waitFor(() => streams.info(iso.stream).catch(() => undefined), { what: 'the stream created by the service' });
      await publishEvent(client, Pinged, { n: 1 }, { correlationId: randomUUID() });
      await waitFor(() => (received.length > 0 ? true : undefined), { what: 'the event handled' });
      expect(received).toEqual([1]);
      expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
