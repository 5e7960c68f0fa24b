import { makeEnvelope, type EnvelopeMeta, type EventContract, type PayloadOf } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Data of one `OutboxEvent` row, to create with Prisma in the transaction that makes the change. */
export interface OutboxRecord {
  /** Also the envelope id, hence the `Nats-Msg-Id` that lets the stream drop a republished row. */
  id: string;
  /** Unprefixed subject; the relay's bus applies its prefix. */
  subject: string;
  envelope: { [key: string]: JsonValue };
}

/** Validates the payload and builds the row: `tx.outboxEvent.create({ data: outboxRecord(...) })`. */
export function outboxRecord<C extends EventContract>(
  contract: C,
  payload: PayloadOf<C>,
  meta: Omit<EnvelopeMeta, 'id'>,
): OutboxRecord {
  const id = randomUUID();
  const envelope = makeEnvelope(contract, payload, { ...meta, id });
  // A JSON round trip gives exactly what jsonb will store (dates as strings, no undefined).
  return { id, subject: contract.subject, envelope: JSON.parse(JSON.stringify(envelope)) as OutboxRecord['envelope'] };
}
