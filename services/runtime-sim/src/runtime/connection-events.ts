import { type OutboxRecord, outboxRecord } from '@pronote/bus';
import { RuntimeConnectionClosed, RuntimeConnectionOpened } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import type { RuntimeConnection } from './runtime-connection.js';

export type CloseReason = 'client_closed' | 'disconnected' | 'service_stopped';

export function connectionOpenedEvent(connection: RuntimeConnection): OutboxRecord {
  return outboxRecord(RuntimeConnectionOpened, connection, { correlationId: correlationId() });
}

export function connectionClosedEvent(reason: CloseReason, closedAt: Date): (connection: RuntimeConnection) => OutboxRecord {
  return (connection) =>
    outboxRecord(RuntimeConnectionClosed, { ...connection, closedAt: closedAt.toISOString(), reason }, { correlationId: correlationId() });
}
