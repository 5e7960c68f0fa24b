import { randomUUID } from 'node:crypto';
import { outboxRecord } from '@pronote/bus';
import type { EventContract, PayloadOf } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import type pg from 'pg';
import type { RetentionOverride } from '../domain/retention.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ScheduledBase } from '../schedules/scheduled-bases.repository.js';
import type { AnnexObject, RestorePoint, RestorePointStatus } from './restore-point.js';
import { BASE_WITH_NEWEST_BACKUP, CLAIM_RUN, MARK_COMPLETE } from './run-statements.js';

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

/** The newest complete backup as a run needs it: "nothing new since", and the next rotation index. */
export type NewestBackup = Pick<RestorePoint, 'slot' | 'lastEntryAt' | 'rotationIndex'>;

/** A successful backup or archive run, recorded on its base (`lastBackupAt` / `lastArchiveAt`). */
export type SuccessfulRunKind = 'backup' | 'archive';

/** A completed run: its point, and what retention needs next, read by the same statement. */
export interface CompletedRun {
  point: RestorePoint;
  /** Every point of the base as the completion left them, the completed one included. */
  pointsOfBase: RestorePoint[];
  retentionOverride: RetentionOverride;
}

export interface EventToPublish {
  contract: EventContract;
  payload: unknown;
}

export function eventOf<C extends EventContract>(contract: C, payload: PayloadOf<C>): EventToPublish {
  return { contract, payload };
}

/**
 * The only caller for restore points; every state change writes its event in the same transaction.
 * A run's three statements (every base, every slot) are prepared statements on a plain `pg` pool
 * (`runs`, see `createRunsPool`); the rest goes through Prisma.
 */
export class RestorePointsRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly runs: pg.Pool,
  ) {}

  /** A run's starting point, in one query: the base, and its newest complete backup. */
  async baseWithNewestBackup(baseId: string): Promise<{ base: ScheduledBase; newestBackup: NewestBackup | null } | null> {
    const { rows: [row] } = await this.runs.query<BaseWithNewestBackupRow>({ ...BASE_WITH_NEWEST_BACKUP, values: [baseId] });
    if (!row) return null;
    const { newestSlot, newestLastEntryAt, newestRotationIndex, ...base } = row;
    return { base, newestBackup: newestSlot === null ? null : { slot: newestSlot, lastEntryAt: newestLastEntryAt, rotationIndex: newestRotationIndex } };
  }

  /**
   * The run's row for (baseId, slot, kind), in one statement: created pending, or the existing one
   * with one more attempt (a retried run reuses it; a failed one is pending again, with this attempt's
   * file name; a complete one tells the caller there is nothing to do).
   */
  async claimRun(run: PendingRun): Promise<RestorePoint> {
    const { rows: [row] } = await this.runs.query<PointRow>({
      ...CLAIM_RUN,
      values: [randomUUID(), run.uai, run.baseId, run.kind, run.slot, run.fileName, run.objectKey],
    });
    return toPoint(row!);
  }

  /**
   * The point complete, its event in the outbox and, for a scheduled kind, the base's last successful
   * run: one statement, so all of it or none (no event without its completion, nor the reverse). The
   * same round trip brings back what retention reads next: the base's points and the school's override.
   */
  async markComplete(id: string, content: CompletedContent, event: EventToPublish, recordRunOf: SuccessfulRunKind | null): Promise<CompletedRun> {
    const outbox = outboxRecord(event.contract, event.payload as never, { correlationId: correlationId() });
    const at = content.completedAt;
    const { rows } = await this.runs.query<PointRow & { retentionOverride: RetentionOverride | null }>({
      ...MARK_COMPLETE,
      values: [
        id,
        String(content.sizeBytes),
        content.sha256,
        JSON.stringify(content.statistics),
        content.baseCreatedAt,
        content.lastEntryAt,
        content.rotationIndex,
        JSON.stringify(content.annexes),
        at,
        outbox.id,
        outbox.subject,
        JSON.stringify(outbox.envelope),
        recordRunOf,
      ],
    });
    const pointsOfBase = rows.map(toPoint);
    const point = pointsOfBase.find((candidate) => candidate.id === id);
    if (!point) throw new Error(`no restore point ${id} to complete`);
    return { point, pointsOfBase, retentionOverride: rows[0]?.retentionOverride ?? {} };
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
}

export async function writeEvent(tx: Tx, event: EventToPublish): Promise<void> {
  await tx.outboxEvent.create({ data: outboxRecord(event.contract, event.payload as never, { correlationId: correlationId() }) });
}

type BaseWithNewestBackupRow = ScheduledBase & {
  newestSlot: Date | null;
  newestLastEntryAt: Date | null;
  newestRotationIndex: number | null;
};

/** A row read with plain `pg`: bigint columns come back as strings. */
type PointRow = Omit<Row, 'sizeBytes'> & { sizeBytes: bigint | string | null };

function toPoint(row: PointRow): RestorePoint {
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
