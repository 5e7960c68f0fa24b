import { Inject, Injectable } from '@nestjs/common';
import { type Bus, RemoteCommandError, sendCommand } from '@pronote/bus';
import { type ConnectedUser, RuntimeDisconnect, RuntimeErrorCode, forSchool } from '@pronote/contracts';
import { SESSIONS_CONFIG } from '../config/sessions-config.module.js';
import type { SessionsConfig } from '../config/sessions.config.js';
import { LicencesService } from '../licences/licences.service.js';
import { BUS } from '@pronote/service-kit';
import type { Connection } from './connection.js';
import { ConnectionNotFoundError } from './connections.errors.js';
import { ConnectionsRepository } from './connections.repository.js';

/** "Suivi des connexions" (Fiche 11 §1): the list, and "Déconnecter". */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly licences: LicencesService,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SESSIONS_CONFIG) private readonly config: SessionsConfig,
  ) {}

  async list(uai: string, now = new Date()) {
    const licences = await this.licences.view(uai); // also: 404 for an unknown school
    const items = (await this.connections.listOf(uai)).map((connection) => toConnectedUser(connection, now));
    return { licences, items };
  }

  /** Asks the runtime; the line goes when it reports the close (connection_closed, reason disconnected). */
  async disconnect(uai: string, connectionId: string): Promise<{ requested: true }> {
    if (!(await this.connections.find(uai, connectionId))) throw new ConnectionNotFoundError(uai, connectionId);
    try {
      await sendCommand(this.bus, forSchool(RuntimeDisconnect, uai), { uai, connectionId }, { timeoutMs: this.config.RUNTIME_TIMEOUT_MS });
    } catch (error) {
      // Already gone on the runtime: its close event is on its way.
      if (error instanceof RemoteCommandError && error.code === RuntimeErrorCode.RUNTIME_CONNECTION_NOT_FOUND) throw new ConnectionNotFoundError(uai, connectionId);
      throw error;
    }
    await this.connections.markDisconnectRequested(connectionId, new Date());
    return { requested: true };
  }
}

export function toConnectedUser(connection: Connection, now: Date): ConnectedUser {
  return {
    connectionId: connection.connectionId,
    poste: connection.address,
    application: connection.application,
    applicationVersion: null,
    state: connection.editing ? 'connecte_en_modification' : 'connecte',
    mode: connection.mode,
    espace: connection.espace,
    userName: connection.userName,
    baseId: connection.baseId,
    openedAt: connection.openedAt.toISOString(),
    durationSeconds: Math.max(0, Math.floor((now.getTime() - connection.openedAt.getTime()) / 1000)),
    disconnectRequested: connection.disconnectRequested !== null,
  };
}
