import type { Envelope, EnvelopeMeta, EventContract, PayloadOf } from '@pronote/contracts';
import { makeEnvelope } from '@pronote/contracts';
import type { Bus } from './connection.js';
import { envelopeHeaders } from './headers.js';

export interface PublishResult {
  /** Sequence of the message in the stream (of the first copy when `duplicate`). */
  seq: number;
  /** The stream already held this envelope id inside its duplicate window: nothing was stored. */
  duplicate: boolean;
}

export interface PublishOptions {
  /** How long to wait for the PubAck. */
  timeoutMs?: number;
}

const encoder = new TextEncoder();

/** Publishes to JetStream and waits for the PubAck, so a resolved promise means "stored". */
export async function publishEnvelope(bus: Bus, envelope: Envelope, options: PublishOptions = {}): Promise<PublishResult> {
  const js = bus.connection().jetstream();
  const ack = await js.publish(bus.subject(envelope.subject), encoder.encode(JSON.stringify(envelope)), {
    msgID: envelope.id,
    headers: envelopeHeaders(envelope),
    timeout: options.timeoutMs ?? 5000,
  });
  return { seq: ack.seq, duplicate: ack.duplicate };
}

/**
 * Builds the envelope (validating the payload) and publishes it directly. Use the outbox instead when
 * the event reports a database change: publishing after commit can be lost if the process dies between.
 */
export async function publishEvent<C extends EventContract>(
  bus: Bus,
  contract: C,
  payload: PayloadOf<C>,
  meta: EnvelopeMeta,
  options: PublishOptions = {},
): Promise<PublishResult> {
  return publishEnvelope(bus, makeEnvelope(contract, payload, meta), options);
}
