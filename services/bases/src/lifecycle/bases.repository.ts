import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import { randomUUID } from 'node:crypto';
import type { StoredObject } from '@pronote/contracts';
import type { TimetableGrid } from '../domain/timetable-grid.js';
import type { Base as BaseRow, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Base, HistoryRecord } from './base.js';
import { BaseAlreadyInServiceError, BaseNotFoundError } from './bases.errors.js';

type Tx = Prisma.TransactionClient;

/** The only Prisma caller for bases: every change is written with its history line and its events. */
@Injectable()
export class BasesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async create(base: Base, history: HistoryRecord, events: OutboxRecord[]): Promise<Base> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.base.create({ data: toRow(base) });
      await this.record(tx, history, events);
      return toBase(row);
    });
  }

  async findById(uai: string, baseId: string): Promise<Base> {
    const row = await this.prisma.base.findFirst({ where: { id: baseId, uai } });
    if (!row) throw new BaseNotFoundError(uai, baseId);
    return toBase(row);
  }

  async listBySchool(uai: string): Promise<Base[]> {
    const rows = await this.prisma.base.findMany({ where: { uai }, orderBy: [{ schoolYear: 'desc' }, { createdAt: 'desc' }] });
    return rows.map(toBase);
  }

  /** Which of `keys` are some base's current content. */
  async contentKeysInUse(keys: readonly string[]): Promise<Set<string>> {
    const rows = await this.prisma.base.findMany({ where: { contentKey: { in: [...keys] } }, select: { contentKey: true } });
    return new Set(rows.map((row) => row.contentKey));
  }

  async findInService(uai: string): Promise<Base | null> {
    const row = await this.prisma.base.findFirst({ where: { uai, state: 'in_service' } });
    return row ? toBase(row) : null;
  }

  /**
   * Records the runtime's confirmation. The partial unique index refuses a second base in service
   * even if two orders raced; the SPR hash is stored with the first putting in service only.
   */
  async markInService(base: Base, change: { history: HistoryRecord; events: OutboxRecord[]; sprHash?: string }): Promise<Base> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const row = await tx.base.update({ where: { id: base.id }, data: { state: 'in_service' } });
        if (change.sprHash) await tx.sprPassword.createMany({ data: [{ uai: base.uai, hash: change.sprHash }], skipDuplicates: true });
        await this.record(tx, change.history, change.events);
        return toBase(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new BaseAlreadyInServiceError(base.uai);
      throw error;
    }
  }

  /** The runtime persisted the content on stop: its object is recorded with the new state. */
  async markStopped(base: Base, content: StoredObject, lastEntryAt: Date | null, change: { history: HistoryRecord; events: OutboxRecord[] }): Promise<Base> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.base.update({
        where: { id: base.id },
        data: { state: 'stopped', contentKey: content.key, contentSize: BigInt(content.size), contentSha256: content.sha256, lastEntryAt },
      });
      await this.record(tx, change.history, change.events);
      return toBase(row);
    });
  }

  async setConsultation(base: Base, consultation: boolean, history: HistoryRecord): Promise<Base> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.base.update({ where: { id: base.id }, data: { consultation } });
      await this.record(tx, history, []);
      return toBase(row);
    });
  }

  async history(uai: string, baseId: string | undefined, limit: number) {
    return this.prisma.baseHistory.findMany({ where: { uai, ...(baseId ? { baseId } : {}) }, orderBy: { at: 'desc' }, take: limit });
  }

  /** For changes made by other features (uploads, switch) inside their own transaction. */
  async record(tx: Tx, history: HistoryRecord, events: OutboxRecord[]): Promise<void> {
    await tx.baseHistory.create({ data: { id: randomUUID(), ...history, details: history.details as Prisma.InputJsonValue } });
    for (const event of events) await tx.outboxEvent.create({ data: event });
  }
}

export function toRow(base: Base) {
  return {
    id: base.id,
    uai: base.uai,
    schoolYear: base.schoolYear,
    name: base.name,
    startsOn: base.startsOn,
    endsOn: base.endsOn,
    pronoteVersion: base.pronoteVersion,
    grid: (base.grid ?? undefined) as Prisma.InputJsonValue | undefined,
    state: base.state,
    origin: base.origin,
    consultation: base.consultation,
    createdAt: base.createdAt,
    lastEntryAt: base.lastEntryAt,
    contentKey: base.content.key,
    contentSize: BigInt(base.content.size),
    contentSha256: base.content.sha256,
  };
}

export function toBase(row: BaseRow): Base {
  return {
    id: row.id,
    uai: row.uai,
    schoolYear: row.schoolYear,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    pronoteVersion: row.pronoteVersion,
    grid: (row.grid as unknown as TimetableGrid | null) ?? null,
    state: row.state,
    origin: row.origin,
    consultation: row.consultation,
    createdAt: row.createdAt,
    lastEntryAt: row.lastEntryAt,
    content: { key: row.contentKey, size: Number(row.contentSize), sha256: row.contentSha256 },
  };
}
