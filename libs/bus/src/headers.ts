import { headers as natsHeaders, type MsgHdrs } from 'nats';
import type { Envelope } from '@pronote/contracts';
import { CAUSATION_HEADER, CORRELATION_HEADER, sanitizeCorrelationId } from '@pronote/observability';

/** JetStream drops a second message with the same value inside the stream's duplicate window. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';
/** Present (with the error code as value) on a command reply that carries an error. */
export const ERROR_CODE_HEADER = 'x-error-code';

export function envelopeHeaders(envelope: Envelope): MsgHdrs {
  const headers = natsHeaders();
  headers.set(MSG_ID_HEADER, envelope.id);
  headers.set(CORRELATION_HEADER, envelope.correlationId);
  if (envelope.causationId) headers.set(CAUSATION_HEADER, envelope.causationId);
  return headers;
}

export function correlationHeaders(correlationId: string, causationId?: string): MsgHdrs {
  const headers = natsHeaders();
  headers.set(CORRELATION_HEADER, correlationId);
  if (causationId) headers.set(CAUSATION_HEADER, causationId);
  return headers;
}

/** Reads a header value only if it is a sane token (headers come from other processes). */
export function readIdHeader(headers: MsgHdrs | undefined, name: string): string | undefined {
  return sanitizeCorrelationId(headers?.get(name) || undefined);
}
