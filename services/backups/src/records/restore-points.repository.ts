import { randomUUID } from 'node:crypto';
import { type JsonValue, outboxRecord } from '@pronote/bus';
import type { EventContract, PayloadOf } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AnnexObject, RestorePoint, RestorePointStatus } from './restore-point.js';

type Row = Awaited<ReturnType<PrismaClient['restorePoint']['findUniqueOrThrow']>>;
type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface PendingRun {
  uai: string;
  baseId: string;
  kind: RestorePoint['kind'];
  slot: Date;
  fileName: string;
  objectKey: string;
}

export interface CompletedContent {
  sizeBytes: number;
  sha256: string;
  statistics: Record<string, number>;
  baseCreatedAt: Date | null;
  lastEntryAt: Date | null;
  rotationIndex: number | null;
  annexes: readonly AnnexObject[];
  completedAt: Date;
}

export interface EventToPublish {
  contract: EventContract;
  payload: unknown;
}

export function eventOf<C extends EventContract>(contract: C, payload: PayloadOf<C>): EventToPublish {
  return { contract, payload };
}

/** The only Prisma caller for restore points; every state change writes its event in the same transaction. */
export class RestorePointsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The run's row for (baseId, slot, kind): created pending, or the existing one (a retried run reuses
   * it; a complete one tells the caller there is nothing to do).
   */
  async claimRun(run: PendingRun): Promise<RestorePoint> {
    const row = await this.prisma.restorePoint.upsert({
      where: { baseId_slot_kind: { baseId: run.baseId, slot: run.slot, kind: run.kind } },
      create: { id: randomUUID(), ...run, status: 'pending', attempts: 1 },
      update: { attempts: { increment: 1 } },
    });
    if (row.status === 'failed') {
      return toPoint(await this.prisma.restorePoint.update({ where: { id: row.id }, data: { status: 'pending', fileName: run.fileName } }));
    }
    return toPoint(row);
  }

  async markComplete(id: string, content: CompletedContent, event: EventToPublish): Promise<RestorePoint> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.restorePoint.update({
        where: { id },
        data: {
          status: 'complete',
          sizeBytes: BigInt(content.sizeBytes),
          sha256: content.sha256,
          statistics: content.statistics,
          baseCreatedAt: content.baseCreatedAt,
          lastEntryAt: content.lastEntryAt,
          rotationIndex: content.rotationIndex,
          annexes: content.annexes as unknown as JsonValue[],
          completedAt: content.completedAt,
          verifiedAt: content.completedAt,
          lastError: null,
        },
      });
      await writeEvent(tx, event);
      return toPoint(row);
    });
  }

  async markFailed(id: string, reason: string, event: EventToPublish): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.restorePoint.update({ where: { id }, data: { status: 'failed', lastError: reason } });
      await writeEvent(tx, event);
    });
  }

  /** Only a complete point turns corrupt (once): the event is written once too. */
  async markCorrupt(id: string, reason: string, event: EventToPublish): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.restorePoint.updateMany({ where: { id, status: 'complete' }, data: { status: 'corrupt', lastError: reason } });
      if (count === 1) await writeEvent(tx, event);
      return count === 1;
    });
  }

  async markVerified(id: string, at: Date): Promise<void> {
    await this.prisma.restorePoint.updateMany({ where: { id, status: 'complete' }, data: { verifiedAt: at } });
  }

  async recordDrill(id: string, at: Date, result: 'match' | 'mismatch' | 'error'): Promise<void> {
    await this.prisma.restorePoint.update({
      where: { id },
      data: { lastDrillAt: at, lastDrillResult: result, ...(result === 'match' ? { verifiedAt: at } : {}) },
    });
  }

  /** First step of pruning: from here the row is never listed, and the sweeper can finish the job. */
  async markPruning(id: string): Promise<boolean> {
    const { count } = await this.prisma.restorePoint.updateMany({ where: { id, status: { not: 'pruning' } }, data: { status: 'pruning' } });
    return count === 1;
  }

  /** Last step of pruning, once the objects are gone. */
  async deletePruned(id: string, event: EventToPublish | null): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.restorePoint.deleteMany({ where: { id, status: 'pruning' } });
      if (event) await writeEvent(tx, event);
    });
  }

  async findById(id: string): Promise<RestorePoint | null> {
    const row = await this.prisma.restorePoint.findUnique({ where: { id } });
    return row ? toPoint(row) : null;
  }

  async listOfBase(baseId: string): Promise<RestorePoint[]> {
    return (await this.prisma.restorePoint.findMany({ where: { baseId } })).map(toPoint);
  }

  async listOfSchool(uai: string, statuses: readonly RestorePointStatus[]): Promise<RestorePoint[]> {
    return (await this.prisma.restorePoint.findMany({ where: { uai, status: { in: [...statuses] } } })).map(toPoint);
  }

  async listByStatus(statuses: readonly RestorePointStatus[], take = 1000, afterId?: string): Promise<RestorePoint[]> {
    const rows = await this.prisma.restorePoint.findMany({
      where: { status: { in: [...statuses] }, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
    return rows.map(toPoint);
  }

  /** Runs still pending or failed long after their last attempt began: no retry is coming any more. */
  async staleIncomplete(createdBefore: Date, take = 1000): Promise<RestorePoint[]> {
    const rows = await this.prisma.restorePoint.findMany({ where: { status: { in: ['pending', 'failed'] }, createdAt: { lt: createdBefore } }, take });
    return rows.map(toPoint);
  }

  /** A pending run nobody finished (worker gone, job exhausted): failed, with its event, once. */
  async markAbandoned(id: string, reason: string, event: EventToPublish): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.restorePoint.updateMany({ where: { id, status: 'pending' }, data: { status: 'failed', lastError: reason } });
      if (count === 1) await writeEvent(tx, event);
      return count === 1;
    });
  }

  /** Operator view: runs whose last attempt failed, newest slot first. */
  async failed(filter: { uai?: string }, take: number): Promise<RestorePoint[]> {
    const rows = await this.prisma.restorePoint.findMany({ where: { status: 'failed', ...filter }, orderBy: { slot: 'desc' }, take });
    return rows.map(toPoint);
  }

  /** Operator view: the latest drilled points, optionally only one result. */
  async drilled(filter: { result?: 'match' | 'mismatch' | 'error' }, take: number): Promise<RestorePoint[]> {
    const rows = await this.prisma.restorePoint.findMany({
      where: { lastDrillAt: { not: null }, ...(filter.result ? { lastDrillResult: filter.result } : {}) },
      orderBy: { lastDrillAt: 'desc' },
      take,
    });
    return rows.map(toPoint);
  }

  /** The newest complete backup of a base: source of the next rotation index and of "nothing new since". */
  async newestCompleteBackup(baseId: string): Promise<RestorePoint | null> {
    const row = await this.prisma.restorePoint.findFirst({
      where: { baseId, kind: 'backup', status: 'complete' },
      orderBy: { slot: 'desc' },
    });
    return row ? toPoint(row) : null;
  }
}

export async function writeEvent(tx: Tx, event: EventToPublish): Promise<void> {
  await tx.outboxEvent.create({ data: outboxRecord(event.contract, event.payload as never, { correlationId: correlationId() }) });
}

function toPoint(row: Row): RestorePoint {
  return {
    id: row.id,
    uai: row.uai,
    baseId: row.baseId,
    kind: row.kind,
    slot: row.slot,
    status: row.status,
    fileName: row.fileName,
    objectKey: row.objectKey,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    sha256: row.sha256,
    statistics: (row.statistics as RestorePoint['statistics']) ?? null,
    baseCreatedAt: row.baseCreatedAt,
    lastEntryAt: row.lastEntryAt,
    rotationIndex: row.rotationIndex,
    annexes: (row.annexes as unknown as AnnexObject[] | null) ?? [],
    attempts: row.attempts,
    lastError: row.lastError,
    completedAt: row.completedAt,
    verifiedAt: row.verifiedAt,
    lastDrillAt: row.lastDrillAt,
    lastDrillResult: row.lastDrillResult as RestorePoint['lastDrillResult'],
  };
}
