import type { OpenConnectionRequest, RuntimeConnectionView } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';

export type RuntimeConnection = RuntimeConnectionView;

/** A connection as the runtime records it when a user connects to the base it serves. */
export function newConnection(uai: string, baseId: string, request: OpenConnectionRequest, openedAt: Date): RuntimeConnection {
  return {
    connectionId: randomUUID(),
    uai,
    baseId,
    application: request.application,
    mode: request.application === 'client' ? request.mode : null,
    espace: request.application === 'pronote_net' ? request.espace : null,
    // PRONOTE.net espaces read and write through the server; "en modification" is a Client licence.
    editing: request.application === 'client' ? request.editing : false,
    userName: request.userName,
    address: request.address ?? null,
    openedAt: openedAt.toISOString(),
  };
}
