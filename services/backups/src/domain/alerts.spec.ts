import { dueAlerts, evaluateAlerts, type BackupHealth } from './alerts.js';
import { BackupsErrorCode } from './errors.js';

const HOUR = 3_600_000;
const at = (iso: string): Date => new Date(iso);
const lastBackupAt = at('2022-06-23T08:20:00Z');
const healthy: BackupHealth = {
  lastEntryAt: at('2022-06-23T09:00:00Z'),
  lastBackupAt,
  lastArchiveAt: at('2022-06-23T00:37:00Z'),
  monitoredSince: at('2022-06-01T00:00:00Z'),
};
const plus = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

describe('backup overdue (entries not saved for more than 4 hours)', () => {
  it('does not alert at exactly 4 hours, alerts 1 ms later', () => {
    expect(dueAlerts(healthy, plus(lastBackupAt, 4 * HOUR))).toEqual([]);
    expect(dueAlerts(healthy, plus(lastBackupAt, 4 * HOUR + 1))).toEqual([
      { code: 'BACKUP_OVERDUE', overdueSince: plus(lastBackupAt, 4 * HOUR), lastSuccessAt: lastBackupAt },
    ]);
  });

  it('does not alert when everything entered is already saved, however old the backup', () => {
    const quiet = { ...healthy, lastEntryAt: at('2022-06-23T08:00:00Z') };
    expect(dueAlerts(quiet, at('2022-06-23T22:00:00Z'))).toEqual([]);
    expect(dueAlerts({ ...quiet, lastEntryAt: lastBackupAt }, at('2022-06-23T22:00:00Z'))).toEqual([]);
  });

  it('does not alert for a base where nothing was ever entered', () => {
    const empty: BackupHealth = { lastEntryAt: null, lastBackupAt: null, lastArchiveAt: null, monitoredSince: healthy.monitoredSince };
    expect(dueAlerts(empty, at('2022-07-01T00:00:00Z'))).toEqual([]);
  });

  it('counts from the monitoring start while no backup ever succeeded', () => {
    const fresh: BackupHealth = {
      lastEntryAt: at('2022-06-01T07:00:00Z'),
      lastBackupAt: null,
      lastArchiveAt: null,
      monitoredSince: at('2022-06-01T06:00:00Z'),
    };
    expect(dueAlerts(fresh, at('2022-06-01T10:00:00Z'))).toEqual([]);
    expect(dueAlerts(fresh, at('2022-06-01T10:00:00.001Z')).map((alert) => alert.code)).toEqual(['BACKUP_OVERDUE']);
  });

  it('honours configured thresholds', () => {
    const thresholds = { backupMaxAgeMs: 2 * HOUR, archiveMaxAgeMs: 48 * HOUR };
    expect(dueAlerts(healthy, plus(lastBackupAt, 2 * HOUR + 1), thresholds).map((alert) => alert.code)).toEqual([
      'BACKUP_OVERDUE',
    ]);
    expect(() => dueAlerts(healthy, lastBackupAt, { backupMaxAgeMs: 0, archiveMaxAgeMs: HOUR })).toThrow(
      expect.objectContaining({ code: BackupsErrorCode.ALERT_THRESHOLDS_INVALID }),
    );
  });
});

describe('archive overdue (no archive for more than a day)', () => {
  it('does not alert at exactly 24 hours, alerts 1 ms later', () => {
    const lastArchiveAt = healthy.lastArchiveAt!;
    const fresh = { ...healthy, lastBackupAt: plus(lastArchiveAt, 24 * HOUR) };
    expect(dueAlerts(fresh, plus(lastArchiveAt, 24 * HOUR))).toEqual([]);
    expect(dueAlerts(fresh, plus(lastArchiveAt, 24 * HOUR + 1))).toEqual([
      { code: 'ARCHIVE_OVERDUE', overdueSince: plus(lastArchiveAt, 24 * HOUR), lastSuccessAt: lastArchiveAt },
    ]);
  });
});

describe('evaluateAlerts', () => {
  it('raises new alerts, keeps active ones quiet and clears those that no longer hold', () => {
    const late = plus(lastBackupAt, 30 * HOUR);
    const first = evaluateAlerts(healthy, [], late);
    expect(first.raise.map((alert) => alert.code)).toEqual(['BACKUP_OVERDUE', 'ARCHIVE_OVERDUE']);
    expect(first.clear).toEqual([]);

    const again = evaluateAlerts(healthy, ['BACKUP_OVERDUE', 'ARCHIVE_OVERDUE'], late);
    expect(again.raise).toEqual([]);
    expect(again.due).toHaveLength(2);

    const recovered = evaluateAlerts({ ...healthy, lastBackupAt: late }, ['BACKUP_OVERDUE', 'ARCHIVE_OVERDUE'], late);
    expect(recovered.raise).toEqual([]);
    expect(recovered.clear).toEqual(['BACKUP_OVERDUE']);
    expect(recovered.due.map((alert) => alert.code)).toEqual(['ARCHIVE_OVERDUE']);
  });
});
