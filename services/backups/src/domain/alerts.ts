/**
 * "A school whose base had entries but no successful backup for more than 4 hours, or no archive for a
 * day, raises an alert." Pure evaluation; the caller stores the active alerts and sends notifications.
 */
import { BackupsDomainError, BackupsErrorCode } from './errors.js';

export type BackupAlertCode = 'BACKUP_OVERDUE' | 'ARCHIVE_OVERDUE';

export interface BackupHealth {
  /** Last data entry in the live base; null while nothing was ever entered. */
  readonly lastEntryAt: Date | null;
  /**
   * Last successful backup run: a backup taken, or a run that found nothing new to save (that run
   * proves the newest backup still covers the base). Counting only backups taken would raise an alert
   * on the first entry of every morning after a quiet night.
   */
  readonly lastBackupAt: Date | null;
  /** Last successful archive run, same meaning. */
  readonly lastArchiveAt: Date | null;
  /** Since when runs are expected (the base was put in service); the reference while none ever succeeded. */
  readonly monitoredSince: Date;
}

export interface AlertThresholds {
  readonly backupMaxAgeMs: number;
  readonly archiveMaxAgeMs: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  backupMaxAgeMs: 4 * 3_600_000,
  archiveMaxAgeMs: 24 * 3_600_000,
};

export interface BackupAlert {
  readonly code: BackupAlertCode;
  /** When the condition became true: last success (or monitoring start) + threshold. */
  readonly overdueSince: Date;
  readonly lastSuccessAt: Date | null;
}

export interface AlertDecision {
  readonly raise: readonly BackupAlert[];
  readonly clear: readonly BackupAlertCode[];
  /** Every alert whose condition holds now, already active or not. */
  readonly due: readonly BackupAlert[];
}

/** The alerts whose condition holds at `now`. Exactly at the threshold is not "more than": no alert yet. */
export function dueAlerts(
  health: BackupHealth,
  now: Date,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): BackupAlert[] {
  assertThresholds(thresholds);
  const checks: Array<[BackupAlertCode, Date | null, number]> = [
    ['BACKUP_OVERDUE', health.lastBackupAt, thresholds.backupMaxAgeMs],
    ['ARCHIVE_OVERDUE', health.lastArchiveAt, thresholds.archiveMaxAgeMs],
  ];
  const due: BackupAlert[] = [];
  for (const [code, lastSuccessAt, maxAgeMs] of checks) {
    if (!hasEntriesSince(health.lastEntryAt, lastSuccessAt)) continue;
    const reference = lastSuccessAt ?? health.monitoredSince;
    if (now.getTime() - reference.getTime() > maxAgeMs) {
      due.push({ code, overdueSince: new Date(reference.getTime() + maxAgeMs), lastSuccessAt });
    }
  }
  return due;
}

/** What to raise and what to clear, given the alerts currently active for this base. */
export function evaluateAlerts(
  health: BackupHealth,
  active: readonly BackupAlertCode[],
  now: Date,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): AlertDecision {
  const due = dueAlerts(health, now, thresholds);
  const dueCodes = new Set(due.map((alert) => alert.code));
  return {
    raise: due.filter((alert) => !active.includes(alert.code)),
    clear: [...new Set(active)].filter((code) => !dueCodes.has(code)),
    due,
  };
}

function hasEntriesSince(lastEntryAt: Date | null, lastSuccessAt: Date | null): boolean {
  if (lastEntryAt === null) return false;
  return lastSuccessAt === null || lastEntryAt.getTime() > lastSuccessAt.getTime();
}

function assertThresholds(thresholds: AlertThresholds): void {
  for (const value of [thresholds.backupMaxAgeMs, thresholds.archiveMaxAgeMs]) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new BackupsDomainError(BackupsErrorCode.ALERT_THRESHOLDS_INVALID, 'Alert thresholds must be positive ms', {
        thresholds,
      });
    }
  }
}
