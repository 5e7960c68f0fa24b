import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Header carrying the correlation id over HTTP and NATS. */
export const CORRELATION_HEADER = 'x-correlation-id';
/** Header carrying the id of the message that caused this one (NATS only). */
export const CAUSATION_HEADER = 'x-causation-id';

export interface RequestContext {
  correlationId: string;
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The correlation id of the current request or message, or a new one when called outside any. */
export function correlationId(): string {
  return storage.getStore()?.correlationId ?? newCorrelationId();
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Accepts a caller-supplied id only if it is a sane token, so logs cannot be forged or bloated. */
export function sanitizeCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
