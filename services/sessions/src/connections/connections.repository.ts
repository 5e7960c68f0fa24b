import { Inject, Injectable } from '@nestjs/common';
import { claimMessages } from '@pronote/bus';
import type { ClientMode, Espace } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import type { Prisma, PrismaClient, Connection as ConnectionRow } from '../generated/prisma/client.js';
import { LicencesRepository } from '../licences/licences.repository.js';
import { SchoolNotFoundError } from '../schools/schools.errors.js';
import { type Connection, isAdministrator } from './connection.js';

const MAX_LISTED = 2000;

type OpenedConnection = Omit<Connection, 'disconnectRequested'>;

/** A runtime connection event as the consumer hands it over (message id: the envelope's). */
export type ConnectionEvent =
  | { kind: 'opened'; messageId: string; connection: OpenedConnection }
  | { kind: 'closed'; messageId: string; uai: string; connectionId: string };

@Injectable()
export class ConnectionsRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly seats: LicencesRepository,
  ) {}

  /**
   * Records connection events once each — one event, or a batch in one transaction with the outcome
   * of handling them one by one in stream order (a connection opened and closed within the batch ends
   * closed, its seat freed): claims, then every open in one statement, the seats of those "en
   * modification" (kept if the runtime acquired them under the connection id), then every close and
   * the seats it frees in one statement each. An unknown school throws: the event is retried later
   * (a batch is then handled again one event at a time). Returns the message ids applied now.
   */
  async recordEvents(consumer: string, events: readonly ConnectionEvent[]): Promise<Set<string>> {
    return this.prisma.$transaction(async (tx) => {
      const claimed = await claimMessages(tx, consumer, events.map((event) => event.messageId));
      const fresh = events.filter((event) => claimed.has(event.messageId));
      const opened = fresh.flatMap((event) => (event.kind === 'opened' ? [event.connection] : []));
      const closed = fresh.flatMap((event) => (event.kind === 'closed' ? [{ uai: event.uai, holderId: event.connectionId }] : []));
      await requireSchools(tx, opened.map((connection) => connection.uai));
      await insertConnections(tx, opened);
      for (const connection of opened.filter((c) => c.editing)) {
        await this.seats.recordSeatInUse(tx, connection.uai, connection.connectionId, isAdministrator(connection), connection.userName);
      }
      if (closed.length > 0) {
        await tx.$executeRaw`
          DELETE FROM "Connection" AS c
           USING unnest(${closed.map((h) => h.holderId)}::uuid[], ${closed.map((h) => h.uai)}::text[]) AS d("connectionId", "uai")
           WHERE c."connectionId" = d."connectionId" AND c."uai" = d."uai"`;
        await this.seats.releaseMany(tx, closed);
      }
      return claimed;
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

async function requireSchools(tx: Prisma.TransactionClient, uais: string[]): Promise<void> {
  const wanted = [...new Set(uais)];
  if (wanted.length === 0) return;
  const known = new Set((await tx.school.findMany({ where: { uai: { in: wanted } }, select: { uai: true } })).map(({ uai }) => uai));
  const unknown = wanted.find((uai) => !known.has(uai));
  if (unknown) throw new SchoolNotFoundError(unknown);
}

/** Opens not yet recorded, in one statement (a repeated open of a recorded connection changes nothing). */
async function insertConnections(tx: Prisma.TransactionClient, connections: OpenedConnection[]): Promise<void> {
  if (connections.length === 0) return;
  const column = <K extends keyof OpenedConnection>(key: K) => connections.map((connection) => connection[key]);
  await tx.$executeRaw`
    INSERT INTO "Connection" ("connectionId", "uai", "baseId", "application", "mode", "espace", "editing", "userName", "address", "openedAt")
    SELECT "connectionId", "uai", "baseId", "application"::"ConnectionApplication", "mode", "espace", "editing", "userName", "address", "openedAt"
      FROM unnest(${column('connectionId')}::uuid[], ${column('uai')}::text[], ${column('baseId')}::uuid[], ${column('application')}::text[],
                  ${column('mode')}::text[], ${column('espace')}::text[], ${column('editing')}::boolean[], ${column('userName')}::text[],
                  ${column('address')}::text[], ${connections.map((c) => c.openedAt.toISOString())}::timestamptz[])
        AS c("connectionId", "uai", "baseId", "application", "mode", "espace", "editing", "userName", "address", "openedAt")
    ON CONFLICT ("connectionId") DO NOTHING`;
}

function toConnection(row: ConnectionRow): Connection {
  return { ...row, mode: row.mode as ClientMode | null, espace: row.espace as Espace | null };
}
