import { defineEvent, makeEnvelope, type EventContract } from '@pronote/contracts';
import { z } from 'zod';
import { decodeEvent } from './decode-event.js';

const accountCreated = defineEvent('hosting.account.created', 1, z.object({ uai: z.string().length(8) }));
const contracts = new Map<string, EventContract>([[accountCreated.subject, accountCreated]]);
const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const envelope = makeEnvelope(accountCreated, { uai: '0750654D' }, { correlationId: 'corr-1' });

describe('decodeEvent', () => {
  it('returns the envelope with its validated payload and contract', () => {
    expect(decodeEvent(encode(envelope), accountCreated.subject, contracts)).toEqual({
      ok: true,
      envelope,
      contract: accountCreated,
    });
  });

  it.each([
    ['not JSON', '{', accountCreated.subject],
    ['not an envelope', { hello: 1 }, accountCreated.subject],
    ['a payload breaking the contract', { ...envelope, payload: { uai: 'short' } }, accountCreated.subject],
    ['an unknown subject', { ...envelope, subject: 'hosting.other.v1' }, 'hosting.other.v1'],
    ['a subject differing from the envelope', envelope, 'hosting.other.v1'],
    ['another version', { ...envelope, version: 2 }, accountCreated.subject],
  ])('rejects %s', (_what, body, subject) => {
    const decoded = decodeEvent(encode(body), subject, contracts);
    expect(decoded.ok).toBe(false);
  });

  it('keeps the correlation id of a valid envelope with a bad payload, for the log', () => {
    const decoded = decodeEvent(encode({ ...envelope, payload: {} }), accountCreated.subject, contracts);
    expect(decoded).toMatchObject({ ok: false, correlationId: 'corr-1', envelopeId: envelope.id });
    expect(decoded.ok || decoded.reason).toContain('uai');
  });
});
