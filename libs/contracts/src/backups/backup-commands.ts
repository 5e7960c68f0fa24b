import { z } from 'zod';
import { defineCommand } from '../define.js';
import { baseStatisticsSchema } from '../runtime/statistics.js';
import { uaiSchema } from '../shared/uai.js';
import { backupAlertCodeSchema, restorePointKindSchema } from './backup-events.js';

export const BackupsErrorCodes = {
  RESTORE_POINT_NOT_FOUND: 'RESTORE_POINT_NOT_FOUND',
  BASE_NOT_FOUND: 'BACKUP_BASE_NOT_FOUND',
  /** Restore asked while the base is served and the stop was not confirmed. */
  BASE_IN_SERVICE: 'BACKUP_RESTORE_BASE_IN_SERVICE',
  /** The restore point is marked corrupt and the caller did not acknowledge it. */
  CORRUPT_NOT_ACKNOWLEDGED: 'BACKUP_CORRUPT_NOT_ACKNOWLEDGED',
  /** The stored object no longer matches its recorded sha256 (checked before any restore). */
  CHECKSUM_MISMATCH: 'BACKUP_CHECKSUM_MISMATCH',
  NOT_AN_ARCHIVE: 'BACKUP_NOT_AN_ARCHIVE',
  RUN_FAILED: 'BACKUP_RUN_FAILED',
  /** The object store (MinIO/S3) did not answer: the run failed before the runtime was asked, it is retried. */
  STORAGE_UNAVAILABLE: 'BACKUP_STORAGE_UNAVAILABLE',
} as const;

const pointRequest = z.strictObject({ uai: uaiSchema, restorePointId: z.uuid() });

export const restorePointStatusSchema = z.enum(['complete', 'corrupt']);

export const listingRowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(['Sauvegarde', 'Archive']),
  kind: restorePointKindSchema,
  date: z.string(),
  size: z.string(),
  status: restorePointStatusSchema,
});

/** "Sauvegardes (12) et archives (58)": complete (and corrupt, flagged) restore points, newest first. */
export const restorePointListingSchema = z.object({ title: z.string(), rows: z.array(listingRowSchema) });
export type RestorePointListing = z.infer<typeof restorePointListingSchema>;

export const ListRestorePoints = defineCommand('backups.restore_points.list', 1, z.strictObject({ uai: uaiSchema }), restorePointListingSchema);

export const restorePointDetailSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  kind: restorePointKindSchema,
  name: z.string(),
  status: restorePointStatusSchema,
  slot: z.iso.datetime(),
  completedAt: z.iso.datetime(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  statistics: baseStatisticsSchema,
  baseCreatedAt: z.iso.datetime().nullable(),
  lastEntryAt: z.iso.datetime().nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  lastDrillAt: z.iso.datetime().nullable(),
  lastDrillResult: z.enum(['match', 'mismatch', 'error']).nullable(),
  annexes: z.array(z.object({ name: z.string(), sizeBytes: z.number().int() })),
});
export type RestorePointDetail = z.infer<typeof restorePointDetailSchema>;

export const GetRestorePoint = defineCommand('backups.restore_points.get', 1, pointRequest, restorePointDetailSchema);

const statisticChangeSchema = z.object({ key: z.string(), live: z.number(), restored: z.number(), difference: z.number(), liveText: z.string(), restoredText: z.string() });

/** What "Ouvrir" would drop: live statistics against the chosen point's, entries lost since. */
export const restorePreviewSchema = z.object({
  restorePointId: z.uuid(),
  baseInService: z.boolean(),
  corrupt: z.boolean(),
  changes: z.array(statisticChangeSchema),
  dropped: z.array(statisticChangeSchema),
  lostEntries: z.object({ after: z.iso.datetime().nullable(), upTo: z.iso.datetime() }).nullable(),
  identical: z.boolean(),
});
export const PreviewRestore = defineCommand('backups.restore.preview', 1, pointRequest, restorePreviewSchema);

export const restoreRequestSchema = z.strictObject({
  /** Stop the base first if it is in service (the console's confirmation). */
  confirmStop: z.boolean().default(false),
  /** Required to open a restore point that verification found corrupt. */
  acknowledgeCorrupt: z.boolean().default(false),
});
export const RestoreFromPoint = defineCommand(
  'backups.restore.run',
  1,
  pointRequest.extend({ ...restoreRequestSchema.shape, actor: z.string().min(1) }),
  z.object({ restorePointId: z.uuid(), safetyRestorePointId: z.uuid(), baseState: z.literal('stopped'), restoredAt: z.iso.datetime() }),
);

export const TakeManualBackup = defineCommand(
  'backups.backup.manual',
  1,
  z.strictObject({ uai: uaiSchema }),
  z.object({ restorePointId: z.uuid(), fileName: z.string(), completedAt: z.iso.datetime() }),
);

export const ArchiveDownloadLink = defineCommand(
  'backups.archive.download_link',
  1,
  pointRequest,
  z.object({ url: z.url(), expiresAt: z.iso.datetime(), annexes: z.array(z.object({ name: z.string(), url: z.url() })) }),
);

export const backupAlertViewSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  code: backupAlertCodeSchema,
  since: z.iso.datetime(),
  details: z.record(z.string(), z.unknown()),
});
export const ListBackupAlerts = defineCommand(
  'backups.alerts.list',
  1,
  z.strictObject({ uai: uaiSchema.optional() }),
  z.object({ alerts: z.array(backupAlertViewSchema) }),
);

/** Operator view: runs whose last attempt failed (a retried run that succeeds leaves this list). */
export const backupFailureViewSchema = z.object({
  restorePointId: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  kind: restorePointKindSchema,
  slot: z.iso.datetime(),
  attempts: z.number().int(),
  /** `<CODE>: <reason>` of the last attempt. */
  lastError: z.string(),
});
export const ListBackupFailures = defineCommand(
  'backups.failures.list',
  1,
  z.strictObject({ uai: uaiSchema.optional(), limit: z.number().int().min(1).max(1000).default(200) }),
  z.object({ failures: z.array(backupFailureViewSchema) }),
);

/** Operator view: the latest restore drills (sandbox restores compared with the recorded statistics). */
export const drillViewSchema = z.object({
  restorePointId: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  kind: restorePointKindSchema,
  name: z.string(),
  lastDrillAt: z.iso.datetime(),
  lastDrillResult: z.enum(['match', 'mismatch', 'error']),
});
export const ListDrills = defineCommand(
  'backups.drills.list',
  1,
  z.strictObject({ result: z.enum(['match', 'mismatch', 'error']).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
  z.object({ drills: z.array(drillViewSchema) }),
);
