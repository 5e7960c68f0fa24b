import { z } from 'zod';

/** Every integration event travels in this envelope (JetStream message body). */
export const envelopeSchema = z.object({
  id: z.uuid(),
  subject: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
  payload: z.unknown(),
});

export interface Envelope<P = unknown> {
  id: string;
  subject: string;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  payload: P;
}

export interface EnvelopeMeta {
  id?: string;
  correlationId: string;
  causationId?: string | null;
  occurredAt?: Date;
}
