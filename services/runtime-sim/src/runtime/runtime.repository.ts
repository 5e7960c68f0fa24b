import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import type { BaseStatisticsView, ClientMode, Espace } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import type { Prisma, PrismaClient, RuntimeConnection as ConnectionRow, SchoolRuntime as RuntimeRow } from '../generated/prisma/client.js';
import type { HeldBase, HeldData, HeldHeader, RuntimeState } from './held-base.js';
import type { RuntimeConnection } from './runtime-connection.js';

type Tx = Prisma.TransactionClient;

/**
 * The only Prisma caller of runtime-sim. A school's runtime is one aggregate: the held base and the
 * connections to it change together, with their events written in the same transaction (outbox).
 */
@Injectable()
export class RuntimeRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async find(uai: string): Promise<HeldBase | null> {
    const row = await this.prisma.schoolRuntime.findUnique({ where: { uai } });
    return row ? toHeldBase(row) : null;
  }

  /** The held base's header fields only: `stats` is asked before every backup, and must not read the bytes. */
  async findHeader(uai: string): Promise<HeldHeader | null> {
    const row = await this.prisma.schoolRuntime.findUnique({
      where: { uai },
      select: { uai: true, baseId: true, state: true, statistics: true, baseCreatedAt: true, lastEntryAt: true },
    });
    return row ? toHeader(row) : null;
  }

  async countConnections(uai: string): Promise<number> {
    return this.prisma.runtimeConnection.count({ where: { uai } });
  }

  async listConnections(uai: string): Promise<RuntimeConnection[]> {
    const rows = await this.prisma.runtimeConnection.findMany({ where: { uai }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toConnection);
  }

  /**
   * Holds `base` for its school (replacing what was held); when `closeConnections` is given, every
   * connection ends in the same transaction with the event it builds.
   */
  async save(base: HeldBase, closeConnections?: (connection: RuntimeConnection) => OutboxRecord): Promise<RuntimeConnection[]> {
    const data = {
      baseId: base.baseId,
      state: base.state,
      ...contentColumns(base.data),
      statistics: base.statistics,
      baseCreatedAt: new Date(base.createdAt),
      lastEntryAt: base.lastEntryAt === null ? null : new Date(base.lastEntryAt),
    };
    return this.prisma.$transaction(async (tx) => {
      await tx.schoolRuntime.upsert({ where: { uai: base.uai }, create: { uai: base.uai, ...data }, update: data });
      if (!closeConnections) return [];
      const rows = await tx.runtimeConnection.findMany({ where: { uai: base.uai } });
      await tx.runtimeConnection.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      return this.recordEvents(tx, rows.map(toConnection), closeConnections);
    });
  }

  async openConnection(connection: RuntimeConnection, event: OutboxRecord): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.runtimeConnection.create({
        data: {
          id: connection.connectionId,
          uai: connection.uai,
          baseId: connection.baseId,
          application: connection.application,
          mode: connection.mode,
          espace: connection.espace,
          editing: connection.editing,
          userName: connection.userName,
          address: connection.address,
          openedAt: new Date(connection.openedAt),
        },
      });
      await tx.outboxEvent.create({ data: event });
    });
  }

  /** Ends one connection with its event; null when it was not open. */
  async closeConnection(uai: string, connectionId: string, event: (connection: RuntimeConnection) => OutboxRecord): Promise<RuntimeConnection | null> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.runtimeConnection.findFirst({ where: { uai, id: connectionId } });
      if (!row) return null;
      // A concurrent close may have won: only the transaction that deletes the row reports it.
      const { count } = await tx.runtimeConnection.deleteMany({ where: { id: row.id } });
      if (count === 0) return null;
      const [closed] = await this.recordEvents(tx, [toConnection(row)], event);
      return closed ?? null;
    });
  }

  private async recordEvents(tx: Tx, connections: RuntimeConnection[], event: (connection: RuntimeConnection) => OutboxRecord): Promise<RuntimeConnection[]> {
    if (connections.length > 0) await tx.outboxEvent.createMany({ data: connections.map(event) });
    return connections;
  }
}

function contentColumns(data: HeldData) {
  if (data.kind === 'loaded') return { content: new Uint8Array(data.bytes), contentKey: null, contentSize: null, contentSha256: data.sha256 };
  return { content: null, contentKey: data.object.key, contentSize: BigInt(data.object.size), contentSha256: data.object.sha256 };
}

function heldData(row: RuntimeRow): HeldData {
  if (row.content !== null) return { kind: 'loaded', bytes: Buffer.from(row.content), sha256: row.contentSha256 };
  // The table's check constraint: without bytes, the object's key and size are there.
  return { kind: 'stored', object: { key: row.contentKey!, size: Number(row.contentSize!), sha256: row.contentSha256 } };
}

type HeaderRow = Pick<RuntimeRow, 'uai' | 'baseId' | 'state' | 'statistics' | 'baseCreatedAt' | 'lastEntryAt'>;

function toHeader(row: HeaderRow): HeldHeader {
  return {
    uai: row.uai,
    baseId: row.baseId,
    state: row.state as RuntimeState,
    statistics: row.statistics as BaseStatisticsView,
    createdAt: row.baseCreatedAt.toISOString(),
    lastEntryAt: row.lastEntryAt?.toISOString() ?? null,
  };
}

function toHeldBase(row: RuntimeRow): HeldBase {
  return { ...toHeader(row), data: heldData(row) };
}

function toConnection(row: ConnectionRow): RuntimeConnection {
  return {
    connectionId: row.id,
    uai: row.uai,
    baseId: row.baseId,
    application: row.application as RuntimeConnection['application'],
    mode: row.mode as ClientMode | null,
    espace: row.espace as Espace | null,
    editing: row.editing,
    userName: row.userName,
    address: row.address,
    openedAt: row.openedAt.toISOString(),
  };
}
