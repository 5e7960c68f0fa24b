import type { ClientMode, Espace, RuntimeConnectionView } from '@pronote/contracts';

/** A user connected to a school's runtime, as stored. */
export interface Connection {
  connectionId: string;
  uai: string;
  baseId: string;
  application: 'client' | 'pronote_net';
  mode: ClientMode | null;
  espace: Espace | null;
  editing: boolean;
  userName: string;
  address: string | null;
  openedAt: Date;
  disconnectRequested: Date | null;
}

export function connectionFromEvent(event: RuntimeConnectionView): Omit<Connection, 'disconnectRequested'> {
  return {
    connectionId: event.connectionId,
    uai: event.uai,
    baseId: event.baseId,
    application: event.application,
    mode: event.mode,
    espace: event.espace,
    editing: event.editing,
    userName: event.userName,
    address: event.address,
    openedAt: new Date(event.openedAt),
  };
}

/** A modification session in the administrative mode uses the administrators' reserve. */
export function isAdministrator(connection: Pick<Connection, 'mode'>): boolean {
  return connection.mode === 'administratif';
}
