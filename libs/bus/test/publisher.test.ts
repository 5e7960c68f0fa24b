import { randomUUID } from 'node:crypto';
import { makeEnvelope } from '@pronote/contracts';
import { ErrorCode, NatsError } from 'nats';
import { connectBus, ensureStream, publishEnvelope, publishEvent, type Bus } from '../src/index.js';
import { baseCreated, NATS_URL, uniqueToken } from './support/fixtures.js';

describe('publishing to JetStream', () => {
  const streamName = uniqueToken('BUS_PUB').toUpperCase();
  let bus: Bus;

  beforeAll(async () => {
    bus = connectBus({ servers: NATS_URL, name: 'bus-publisher-test', subjectPrefix: uniqueToken('pub') });
    await ensureStream(bus, { name: streamName, storage: 'memory' });
  });

  afterAll(async () => {
    const jsm = await bus.connection().jetstreamManager();
    await jsm.streams.delete(streamName);
    await bus.close();
  });

  const payload = { baseId: randomUUID(), uai: '0750654D', year: '2022-2023' };

  it('creates the stream idempotently, applying the prefix and the duplicate window', async () => {
    const info = await ensureStream(bus, { name: streamName, storage: 'memory', duplicateWindowMs: 60_000 });
    expect(info.config.subjects).toEqual([bus.subject('hosting.>')]);
    expect(info.config.duplicate_window).toBe(60_000 * 1_000_000);
  });

  it('connecting the bus builds request cancellations without a stack (one per completed request in nats.js)', () => {
    expect(NatsError.errorForCode(ErrorCode.Cancelled).stack).not.toMatch(/\n\s+at /);
  });

  it('stores an envelope published twice only once', async () => {
    const envelope = makeEnvelope(baseCreated, payload, { correlationId: 'corr-dup' });
    const first = await publishEnvelope(bus, envelope);
    const second = await publishEnvelope(bus, envelope);
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ seq: first.seq, duplicate: true });

    const jsm = await bus.connection().jetstreamManager();
    const stored = await jsm.streams.getMessage(streamName, { seq: first.seq });
    expect(stored.subject).toBe(bus.subject(baseCreated.subject));
    expect(stored.header.get('Nats-Msg-Id')).toBe(envelope.id);
    expect(stored.header.get('x-correlation-id')).toBe('corr-dup');
    expect(stored.json<{ id: string }>().id).toBe(envelope.id);
  });

  it('validates the payload before publishing an event', async () => {
    await expect(
      publishEvent(bus, baseCreated, { ...payload, uai: 'not-a-uai' }, { correlationId: 'corr-bad' }),
    ).rejects.toThrow();
    const result = await publishEvent(bus, baseCreated, payload, { correlationId: 'corr-ok', causationId: 'cause-1' });
    expect(result.duplicate).toBe(false);
  });
});
