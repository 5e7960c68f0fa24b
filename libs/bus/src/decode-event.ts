import { envelopeSchema, type Envelope, type EventContract } from '@pronote/contracts';

export type DecodedEvent =
  | { ok: true; envelope: Envelope; contract: EventContract }
  | { ok: false; reason: string; correlationId?: string; envelopeId?: string };

const decoder = new TextDecoder();

/** Parses and validates a stream message; a failure is final (the message is poison, retrying cannot help). */
export function decodeEvent(
  data: Uint8Array,
  subject: string,
  contracts: ReadonlyMap<string, EventContract>,
): DecodedEvent {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `invalid envelope: ${summarize(parsed.error.issues)}` };
  const envelope = parsed.data as Envelope;
  const ids = { correlationId: envelope.correlationId, envelopeId: envelope.id };
  if (envelope.subject !== subject) {
    return { ok: false, reason: `envelope subject ${envelope.subject} differs from message subject`, ...ids };
  }
  const contract = contracts.get(subject);
  if (!contract) return { ok: false, reason: 'no contract for this subject', ...ids };
  if (envelope.version !== contract.version) {
    return { ok: false, reason: `envelope version ${envelope.version} is not ${contract.version}`, ...ids };
  }
  const payload = contract.payload.safeParse(envelope.payload);
  if (!payload.success) return { ok: false, reason: `invalid payload: ${summarize(payload.error.issues)}`, ...ids };
  return { ok: true, envelope: { ...envelope, payload: payload.data }, contract };
}

function summarize(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
