import { Inject, Injectable } from '@nestjs/common';
import { DomainError, RecoveryJobErrorCode, type PreparationView, type RecoveryReport, type RecoveryView } from '@pronote/contracts';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { Prisma, PrismaClient, Preparation as PreparationRow, Recovery as RecoveryRow } from '../generated/prisma/client.js';
import type { HistoryRecord } from '../lifecycle/base.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';

export interface Preparation extends PreparationView {
  objectKey: string;
}

export interface Recovery extends RecoveryView {
  sourceKey: string;
  /** The previous year's base read from (its content key may change: a restore gives it a new one). */
  sourceBaseId: string | null;
  actor: string;
}

export type NewRecovery = Pick<Recovery, 'id' | 'uai' | 'baseId' | 'idempotencyKey' | 'source' | 'categories' | 'sourceKey' | 'sourceBaseId' | 'actor'> & {
  preparationId: string | null;
};

/** Preparation files and recoveries: the only Prisma caller of the feature. */
@Injectable()
export class RecoveryRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly bases: BasesRepository,
  ) {}

  async createPreparation(preparation: Preparation, actor: string, history: HistoryRecord): Promise<Preparation> {
    return this.prisma.$transaction(async (tx) => {
      const { createdAt: _createdAt, ...data } = preparation;
      const row = await tx.preparation.create({ data: { ...data, actor } });
      await this.bases.record(tx, history, []);
      return toPreparation(row);
    });
  }

  async findPreparation(uai: string, id: string): Promise<Preparation> {
    const row = await this.prisma.preparation.findFirst({ where: { id, uai } });
    if (!row) throw new DomainError(RecoveryJobErrorCode.PREPARATION_NOT_FOUND, `no preparation file ${id} for the school ${uai}`, { preparationId: id });
    return toPreparation(row);
  }

  /** The recovery of that idempotency key: the new one, or the one a previous request created. */
  async createOrFind(recovery: NewRecovery): Promise<Recovery> {
    try {
      return toRecovery(await this.prisma.recovery.create({ data: { ...recovery, status: 'queued' } }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return toRecovery((await this.prisma.recovery.findUnique({ where: { uai_idempotencyKey: { uai: recovery.uai, idempotencyKey: recovery.idempotencyKey } } }))!);
    }
  }

  async find(uai: string, id: string): Promise<Recovery> {
    const row = await this.prisma.recovery.findFirst({ where: { id, uai } });
    if (!row) throw new DomainError(RecoveryJobErrorCode.RECOVERY_NOT_FOUND, `no recovery ${id} for the school ${uai}`, { recoveryId: id });
    return toRecovery(row);
  }

  async findById(id: string): Promise<Recovery | null> {
    const row = await this.prisma.recovery.findUnique({ where: { id } });
    return row ? toRecovery(row) : null;
  }

  async markRunning(id: string): Promise<void> {
    await this.prisma.recovery.updateMany({ where: { id, status: { in: ['queued', 'running'] } }, data: { status: 'running' } });
  }

  /** The report and its history line together; a completed recovery is never completed again. */
  async complete(recovery: Recovery, report: RecoveryReport, history: HistoryRecord): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.recovery.updateMany({
        where: { id: recovery.id, status: { not: 'completed' } },
        data: { status: 'completed', report: report as unknown as Prisma.InputJsonValue, error: null, finishedAt: new Date() },
      });
      if (updated.count === 1) await this.bases.record(tx, history, []);
    });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.prisma.recovery.updateMany({ where: { id, status: { not: 'completed' } }, data: { status: 'failed', error, finishedAt: new Date() } });
  }
}

function toPreparation(row: PreparationRow): Preparation {
  return {
    id: row.id,
    uai: row.uai,
    fromBaseId: row.fromBaseId,
    schoolYear: row.schoolYear,
    origin: row.origin as Preparation['origin'],
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
    objectKey: row.objectKey,
  };
}

function toRecovery(row: RecoveryRow): Recovery {
  return {
    id: row.id,
    uai: row.uai,
    baseId: row.baseId,
    idempotencyKey: row.idempotencyKey,
    source: row.source as Recovery['source'],
    categories: row.categories as string[],
    status: row.status as Recovery['status'],
    report: (row.report as RecoveryReport | null) ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    sourceKey: row.sourceKey,
    sourceBaseId: row.sourceBaseId,
    actor: row.actor,
  };
}

export function toRecoveryView(recovery: Recovery): RecoveryView {
  const { sourceKey: _sourceKey, sourceBaseId: _sourceBaseId, actor: _actor, ...view } = recovery;
  return view;
}

export function toPreparationView(preparation: Preparation): PreparationView {
  const { objectKey: _objectKey, ...view } = preparation;
  return view;
}
