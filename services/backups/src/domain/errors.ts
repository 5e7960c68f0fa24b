import { DomainError } from '@pronote/contracts';

/** Stable codes of the backups domain; never rename one, clients match on them. */
export const BackupsErrorCode = {
  SCHEDULE_POLICY_INVALID: 'BACKUP_SCHEDULE_POLICY_INVALID',
  RETENTION_POLICY_INVALID: 'BACKUP_RETENTION_POLICY_INVALID',
  RETENTION_ITEMS_INVALID: 'BACKUP_RETENTION_ITEMS_INVALID',
  OBJECT_KEY_INVALID: 'BACKUP_OBJECT_KEY_INVALID',
  ROTATION_INDEX_INVALID: 'BACKUP_ROTATION_INDEX_INVALID',
  SIZE_INVALID: 'BACKUP_SIZE_INVALID',
  ALERT_THRESHOLDS_INVALID: 'BACKUP_ALERT_THRESHOLDS_INVALID',
  DRILL_SAMPLING_INVALID: 'BACKUP_DRILL_SAMPLING_INVALID',
  STATISTICS_INVALID: 'BACKUP_STATISTICS_INVALID',
} as const;
export type BackupsErrorCode = (typeof BackupsErrorCode)[keyof typeof BackupsErrorCode];

export class BackupsDomainError extends DomainError {
  constructor(code: BackupsErrorCode, message: string, details?: unknown) {
    super(code, message, details);
  }
}
