import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Envelope, EnvelopeMeta } from './envelope.js';

/** An integration event published on JetStream (stream HOSTING). Subjects carry their version. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly subject: string;
  readonly version: number;
  readonly payload: S;
}

/** A request/reply command or query over core NATS. */
export interface CommandContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'command';
  readonly subject: string;
  readonly version: number;
  readonly request: Req;
  readonly response: Res;
}

export type PayloadOf<C extends EventContract> = z.infer<C['payload']>;
export type RequestOf<C extends CommandContract> = z.infer<C['request']>;
export type ResponseOf<C extends CommandContract> = z.infer<C['response']>;

export function defineEvent<S extends z.ZodType>(subject: string, version: number, payload: S): EventContract<S> {
  return { kind: 'event', subject: `${subject}.v${version}`, version, payload };
}

/**
 * Keys one batched read may carry (`Get…s` commands): the gateway gathers the reads that arrive in the
 * same event-loop turn into one request, so a service answers a burst with one query.
 */
export const MAX_BATCHED_READ_KEYS = 100;

export function defineCommand<Req extends z.ZodType, Res extends z.ZodType>(
  subject: string,
  version: number,
  request: Req,
  response: Res,
): CommandContract<Req, Res> {
  return { kind: 'command', subject: `${subject}.v${version}`, version, request, response };
}

/** Validates the payload against its contract and wraps it; throws a ZodError on a bad payload. */
export function makeEnvelope<C extends EventContract>(
  contract: C,
  payload: PayloadOf<C>,
  meta: EnvelopeMeta,
): Envelope<PayloadOf<C>> {
  return {
    id: meta.id ?? randomUUID(),
    subject: contract.subject,
    version: contract.version,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    payload: contract.payload.parse(payload) as PayloadOf<C>,
  };
}
