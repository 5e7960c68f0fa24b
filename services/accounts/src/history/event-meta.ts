import { correlationId, currentContext } from '@pronote/observability';

/** Envelope metadata of an event caused by the message being handled now. */
export function eventMeta(): { correlationId: string; causationId: string | null } {
  return { correlationId: correlationId(), causationId: currentContext()?.causationId ?? null };
}
