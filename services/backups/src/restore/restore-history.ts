import { outboxRecord } from '@pronote/bus';
import type { EventContract, PayloadOf } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Writes an event that reports no row of ours (a restore's history line lives in `bases`). */
export type EventWriter = <C extends EventContract>(contract: C, payload: PayloadOf<C>) => Promise<void>;

export function outboxWriter(prisma: PrismaClient): EventWriter {
  return async (contract, payload) => {
    await prisma.outboxEvent.create({ data: outboxRecord(contract, payload, { correlationId: correlationId() }) });
  };
}
