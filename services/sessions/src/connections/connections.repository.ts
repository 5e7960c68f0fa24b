import { Inject, Injectable } from '@nestjs/common';
import { claimMessage } from '@pronote/bus';
import type { ClientMode, Espace } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient, Connection as ConnectionRow } from '../generated/prisma/client.js';
import { LicencesRepository } from '../licences/licences.repository.js';
import { SchoolNotFoundError } from '../schools/schools.errors.js';
import { type Connection, isAdministrator } from './connection.js';

const MAX_LISTED = 2000;

@Injectable()
export class ConnectionsRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly seats: LicencesRepository,
  ) {}

  /**
   * Records an open connection once; one "en modification" holds its seat (kept if the runtime
   * acquired it under this connection id). An unknown school throws: the event is retried later.
   */
  async recordOpened(consumer: string, messageId: string, connection: Omit<Connection, 'disconnectRequested'>): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      if (!(await tx.school.findUnique({ where: { uai: connection.uai }, select: { uai: true } }))) throw new SchoolNotFoundError(connection.uai);
      await tx.connection.upsert({ where: { connectionId: connection.connectionId }, create: connection, update: {} });
      if (connection.editing) {
        await this.seats.recordSeatInUse(tx, connection.uai, connection.connectionId, isAdministrator(connection), connection.userName);
      }
      return true;
    });
  }

  /** Removes the connection and frees its seat, once per event. */
  async recordClosed(consumer: string, messageId: string, uai: string, connectionId: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      await tx.connection.deleteMany({ where: { connectionId, uai } });
      await this.seats.release(uai, connectionId, tx);
      return true;
    });
  }

  async listOf(uai: string): Promise<Connection[]> {
    const rows = await this.prisma.connection.findMany({ where: { uai }, orderBy: { openedAt: 'asc' }, take: MAX_LISTED });
    return rows.map(toConnection);
  }

  async find(uai: string, connectionId: string): Promise<Connection | null> {
    const row = await this.prisma.connection.findFirst({ where: { uai, connectionId } });
    return row ? toConnection(row) : null;
  }

  async markDisconnectRequested(connectionId: string, at: Date): Promise<void> {
    await this.prisma.connection.updateMany({ where: { connectionId }, data: { disconnectRequested: at } });
  }
}

function toConnection(row: ConnectionRow): Connection {
  return { ...row, mode: row.mode as ClientMode | null, espace: row.espace as Espace | null };
}
