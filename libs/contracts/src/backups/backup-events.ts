import { z } from 'zod';
import { defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

/** `safety`: the backup a restore takes of the base it is about to replace (restorable as an undo). */
export const restorePointKindSchema = z.enum(['backup', 'archive', 'safety']);
export type RestorePointKindView = z.infer<typeof restorePointKindSchema>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const pointRef = {
  restorePointId: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  kind: restorePointKindSchema,
  /** The slot instant (scheduled runs) or the moment it was asked for (manual, safety). */
  slot: z.iso.datetime(),
};

const completedPayload = z.object({
  ...pointRef,
  fileName: z.string(),
  objectKey: z.string(),
  sizeBytes: z.number().int().min(0),
  sha256,
  completedAt: z.iso.datetime(),
});

/** A backup (or safety backup) was written, re-read and verified: it is listed from now on. */
export const BackupCompleted = defineEvent('hosting.backup.completed', 1, completedPayload);
/** A daily archive (base + annex files) was written and verified. */
export const ArchiveCompleted = defineEvent('hosting.archive.completed', 1, completedPayload);

/** A run failed; `willRetry` false means the slot has no backup (visible to the operator). */
export const BackupFailed = defineEvent(
  'hosting.backup.failed',
  1,
  z.object({
    uai: uaiSchema,
    baseId: z.uuid(),
    kind: restorePointKindSchema,
    slot: z.iso.datetime(),
    code: z.string(),
    reason: z.string(),
    attempt: z.number().int().min(1),
    willRetry: z.boolean(),
  }),
);

/** Retention removed a restore point: its object and its record are both gone. */
export const BackupPruned = defineEvent(
  'hosting.backup.pruned',
  1,
  z.object({ ...pointRef, objectKey: z.string(), reason: z.enum(['expired', 'incomplete']) }),
);

/** Verification found a stored object missing or different from its recorded sha256. */
export const BackupCorrupt = defineEvent(
  'hosting.backup.corrupt',
  1,
  z.object({ ...pointRef, objectKey: z.string(), problem: z.enum(['missing', 'sha256_mismatch', 'size_mismatch']), detectedAt: z.iso.datetime() }),
);

/** A restore replaced the base content; the base is left stopped. Also the history line of `bases`. */
export const RestoreCompleted = defineEvent(
  'hosting.restore.completed',
  1,
  z.object({
    uai: uaiSchema,
    baseId: z.uuid(),
    restorePointId: z.uuid(),
    restoredKind: restorePointKindSchema,
    restoredFileName: z.string(),
    safetyRestorePointId: z.uuid(),
    actor: z.string(),
    restoredAt: z.iso.datetime(),
  }),
);

export const backupAlertCodeSchema = z.enum(['BACKUP_OVERDUE', 'ARCHIVE_OVERDUE', 'DRILL_MISMATCH']);

/** Visible to the operator and to the school: overdue backups or archives, a failed restore drill. */
export const BackupAlertRaised = defineEvent(
  'hosting.backup.alert_raised',
  1,
  z.object({ alertId: z.uuid(), uai: uaiSchema, baseId: z.uuid(), code: backupAlertCodeSchema, since: z.iso.datetime(), details: z.record(z.string(), z.unknown()) }),
);

export const BackupAlertCleared = defineEvent(
  'hosting.backup.alert_cleared',
  1,
  z.object({ alertId: z.uuid(), uai: uaiSchema, baseId: z.uuid(), code: backupAlertCodeSchema, clearedAt: z.iso.datetime() }),
);
