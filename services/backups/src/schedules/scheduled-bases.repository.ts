import type { JsonValue } from '@pronote/bus';
import { claimMessage } from '@pronote/bus';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { RetentionOverride } from '../domain/retention.js';

export interface ScheduledBase {
  readonly baseId: string;
  readonly uai: string;
  readonly name: string;
  readonly schoolYear: string;
  readonly inService: boolean;
  readonly monitoredSince: Date;
  readonly lastBackupAt: Date | null;
  readonly lastArchiveAt: Date | null;
}

export type BaseServiceChange = Pick<ScheduledBase, 'baseId' | 'uai' | 'name' | 'schoolYear' | 'inService' | 'monitoredSince'>;

/** The registry of bases, source of truth for the schedules (Redis only mirrors it). */
export class ScheduledBasesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Applies a service started/stopped event once; false when the event was seen before. */
  async applyOnce(consumer: string, messageId: string, change: BaseServiceChange): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      await tx.scheduledBase.upsert({
        where: { baseId: change.baseId },
        create: change,
        update: change.inService ? change : { inService: false },
      });
      return true;
    });
  }

  async upsert(change: BaseServiceChange): Promise<void> {
    await this.prisma.scheduledBase.upsert({ where: { baseId: change.baseId }, create: change, update: change });
  }

  async find(baseId: string): Promise<ScheduledBase | null> {
    return this.prisma.scheduledBase.findUnique({ where: { baseId } });
  }

  /** The school's current base: the one in service, else the most recently changed. */
  async currentOfSchool(uai: string): Promise<ScheduledBase | null> {
    return this.prisma.scheduledBase.findFirst({ where: { uai }, orderBy: [{ inService: 'desc' }, { updatedAt: 'desc' }] });
  }

  async inServicePage(afterBaseId: string | null, take: number): Promise<ScheduledBase[]> {
    return this.prisma.scheduledBase.findMany({
      where: { inService: true, ...(afterBaseId ? { baseId: { gt: afterBaseId } } : {}) },
      orderBy: { baseId: 'asc' },
      take,
    });
  }

  async recordSuccessfulRun(baseId: string, kind: 'backup' | 'archive', at: Date): Promise<void> {
    await this.prisma.scheduledBase.update({ where: { baseId }, data: kind === 'backup' ? { lastBackupAt: at } : { lastArchiveAt: at } });
  }

  async retentionOverride(uai: string): Promise<RetentionOverride> {
    const row = await this.prisma.retentionOverride.findUnique({ where: { uai } });
    return (row?.policy as RetentionOverride | undefined) ?? {};
  }

  async setRetentionOverride(uai: string, policy: RetentionOverride): Promise<void> {
    const json = policy as unknown as JsonValue;
    await this.prisma.retentionOverride.upsert({ where: { uai }, create: { uai, policy: json as never }, update: { policy: json as never } });
  }
}
