/**
 * Names the console shows (seed, Fiche 9) and object keys in MinIO (ARCHITECTURE.md, storage layout).
 *
 * Rotating index of a backup name ("Base année 2022-202301.sauvs", 01–12): the seed's listing, read
 * oldest first, goes 02, 03, …, 12, 01 while 20/06 has no 02:20 backup, so the index advances by one per
 * backup actually taken (a slot with nothing new is skipped), not per slot: a slot-derived index would
 * give the same number to every day's 00:20. The next backup takes the index after the newest complete
 * backup's (12 → 01), i.e. the name of the one the default retention drops; the same slot retried sees the
 * same newest backup, so it gets the same name. The name is a label: identity is (baseId, slot) and keys
 * use the UTC slot, so a policy keeping more than 12 backups shows repeated labels but never collides.
 */
import { BackupsDomainError, BackupsErrorCode } from './errors.js';
import type { RestorePointKind } from './retention.js';
import { slotStamp } from './schedule.js';
import { localDateKey, padNumber, SCHOOL_TIME_ZONE, wallClockAt } from './zoned-time.js';

export const BACKUP_ROTATION_SIZE = 12;

export function nextRotationIndex(newestCompleteIndex: number | null, rotationSize = BACKUP_ROTATION_SIZE): number {
  if (newestCompleteIndex === null) return 1;
  if (!Number.isInteger(newestCompleteIndex) || newestCompleteIndex < 1 || newestCompleteIndex > rotationSize) {
    throw new BackupsDomainError(
      BackupsErrorCode.ROTATION_INDEX_INVALID,
      `Rotation index ${newestCompleteIndex} is outside 1–${rotationSize}`,
      { newestCompleteIndex, rotationSize },
    );
  }
  return (newestCompleteIndex % rotationSize) + 1;
}

/** "Base année 2022-202301.sauvs": the base's name glued to the two-digit index, as in the seed. */
export function backupFileName(baseName: string, rotationIndex: number): string {
  return `${baseName}${padNumber(rotationIndex)}.sauvs`;
}

/** "Base année 2022-2023_20220623_02h37.archs": local date and time of the archive's slot. */
export function archiveFileName(baseName: string, slot: Date, timeZone = SCHOOL_TIME_ZONE): string {
  return `${baseName}_${compactLocalDateTime(slot, timeZone)}.archs`;
}

/** Not in the seed: the safety backup a restore takes first, outside the 01–12 rotation. */
export function preRestoreFileName(baseName: string, takenAt: Date, timeZone = SCHOOL_TIME_ZONE): string {
  return `${baseName}_avant restauration_${compactLocalDateTime(takenAt, timeZone)}.sauvs`;
}

function compactLocalDateTime(instant: Date, timeZone: string): string {
  const wall = wallClockAt(instant, timeZone);
  return `${wall.year}${padNumber(wall.month)}${padNumber(wall.day)}_${padNumber(wall.hour)}h${padNumber(wall.minute)}`;
}

export interface ObjectOwner {
  readonly uai: string;
  readonly baseId: string;
}

/** `backups/<uai>/<baseId>/20220623T022000Z.sauvs` (UTC slot: unique per slot, even on DST days). */
export function backupObjectKey(owner: ObjectOwner, slot: Date): string {
  return `backups/${checkedPath(owner)}/${slotStamp(slot)}.sauvs`;
}

export function preRestoreObjectKey(owner: ObjectOwner, takenAt: Date): string {
  return `backups/${checkedPath(owner)}/${slotStamp(takenAt)}-pre-restore.sauvs`;
}

/** `archives/<uai>/<baseId>/2022-06-23.archs`: one archive per local day. */
export function archiveObjectKey(owner: ObjectOwner, slot: Date, timeZone = SCHOOL_TIME_ZONE): string {
  return `archives/${checkedPath(owner)}/${localDateKey(slot, timeZone)}.archs`;
}

const UAI_SHAPE = /^\d{7}[A-Z]$/;
const BASE_ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Refuses anything that could escape its prefix (`..`, `/`); the UAI check letter is the accounts service's job. */
function checkedPath({ uai, baseId }: ObjectOwner): string {
  if (!UAI_SHAPE.test(uai) || !BASE_ID_SHAPE.test(baseId)) {
    throw new BackupsDomainError(BackupsErrorCode.OBJECT_KEY_INVALID, 'UAI or base id unusable in an object key', {
      uai,
      baseId,
    });
  }
  return `${uai}/${baseId}`;
}

/**
 * "436 Ko", "4092 Ko": kibibytes rounded up (a 1-byte file is 1 Ko), digits not grouped, as the backup
 * listing of Fiche 9 writes them (the "1 148 Ko" of Fiche 8 is a Windows file dialog, not the console).
 */
export function formatSizeKo(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new BackupsDomainError(BackupsErrorCode.SIZE_INVALID, `Size ${bytes} is not a byte count`, { bytes });
  }
  const kibibytes = Math.ceil(bytes / 1024);
  return `${kibibytes} Ko`;
}

/** "23/06/22 04:20", local time. */
export function formatListingDate(instant: Date, timeZone = SCHOOL_TIME_ZONE): string {
  const wall = wallClockAt(instant, timeZone);
  return `${padNumber(wall.day)}/${padNumber(wall.month)}/${padNumber(wall.year % 100)} ${padNumber(wall.hour)}:${padNumber(wall.minute)}`;
}

export type ListingTypeLabel = 'Sauvegarde' | 'Archive';

export interface ListingEntry {
  readonly id: string;
  readonly kind: RestorePointKind;
  readonly fileName: string;
  /** When the object's record became complete; the seed's dates (archive 02h37 shown 02:38) are these. */
  readonly completedAt: Date;
  readonly sizeBytes: number;
}

export interface ListingRow {
  readonly id: string;
  readonly name: string;
  readonly type: ListingTypeLabel;
  readonly date: string;
  readonly size: string;
}

export interface Listing {
  /** "Sauvegardes (12) et archives (58)" */
  readonly title: string;
  readonly rows: readonly ListingRow[];
}

/** The console's table: complete items only (the caller filters), newest first. */
export function buildListing(entries: readonly ListingEntry[], timeZone = SCHOOL_TIME_ZONE): Listing {
  const sorted = [...entries].sort(
    (a, b) => b.completedAt.getTime() - a.completedAt.getTime() || a.fileName.localeCompare(b.fileName),
  );
  const rows = sorted.map((entry) => ({
    id: entry.id,
    name: entry.fileName,
    type: entry.kind === 'archive' ? ('Archive' as const) : ('Sauvegarde' as const),
    date: formatListingDate(entry.completedAt, timeZone),
    size: formatSizeKo(entry.sizeBytes),
  }));
  const archives = rows.filter((row) => row.type === 'Archive').length;
  return { title: `Sauvegardes (${rows.length - archives}) et archives (${archives})`, rows };
}
