import { randomUUID } from 'node:crypto';
import { BackupAlertCleared, BackupAlertRaised } from '@pronote/contracts';
import type { PrismaClient } from '../generated/prisma/client.js';
import { eventOf, writeEvent } from '../records/restore-points.repository.js';

export type AlertCode = 'BACKUP_OVERDUE' | 'ARCHIVE_OVERDUE' | 'DRILL_MISMATCH';

export interface ActiveAlert {
  id: string;
  uai: string;
  baseId: string;
  code: AlertCode;
  since: Date;
  details: Record<string, unknown>;
}

/** Active alerts (clearedAt null); raising and clearing write their event in the same transaction. */
export class AlertsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async active(filter: { uai?: string; baseId?: string }): Promise<ActiveAlert[]> {
    const rows = await this.prisma.backupAlert.findMany({ where: { ...filter, clearedAt: null }, orderBy: { since: 'asc' } });
    return rows.map((row) => ({ ...row, code: row.code as AlertCode, details: row.details as Record<string, unknown> }));
  }

  async raise(alert: Omit<ActiveAlert, 'id'>): Promise<void> {
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await tx.backupAlert.create({ data: { id, ...alert, details: alert.details as never } });
      await writeEvent(tx, eventOf(BackupAlertRaised, { alertId: id, ...alert, since: alert.since.toISOString() }));
    });
  }

  async clear(alert: ActiveAlert, at: Date): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.backupAlert.update({ where: { id: alert.id }, data: { clearedAt: at } });
      await writeEvent(tx, eventOf(BackupAlertCleared, { alertId: alert.id, uai: alert.uai, baseId: alert.baseId, code: alert.code, clearedAt: at.toISOString() }));
    });
  }
}
