import { ArchiveCompleted, BackupCompleted, BackupFailed, type RestorePointKindView } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import {
  archiveFileName,
  archiveObjectKey,
  backupFileName,
  backupObjectKey,
  nextRotationIndex,
  preRestoreFileName,
  preRestoreObjectKey,
} from '../domain/naming.js';
import { hasEntriesToSave } from '../domain/schedule.js';
import type { AnnexObject, RestorePoint } from '../records/restore-point.js';
import { type CompletedRun, eventOf, type RestorePointsRepository } from '../records/restore-points.repository.js';
import type { RetentionService } from '../retention/retention.service.js';
import type { ScheduledBase, ScheduledBasesRepository } from '../schedules/scheduled-bases.repository.js';
import { copyAnnexes } from './annex-copier.js';
import { verifyStoredObject } from './object-verifier.js';
import type { RuntimeClient } from './runtime-client.js';
import { BaseNotKnownError } from './runs.errors.js';
import { asRunError, withStorageDiagnosis } from './storage-guard.js';

export type RunOutcome =
  | { status: 'completed'; point: RestorePoint }
  | { status: 'already_complete'; point: RestorePoint }
  | { status: 'skipped_nothing_new' };

export interface RunRequest {
  kind: RestorePointKindView;
  baseId: string;
  slot: Date;
  /** Scheduled backups skip a slot with nothing new (seed, Fiche 9); manual and safety ones never do. */
  skipIfNothingNew: boolean;
  /** For the failure event: whether BullMQ will try again. */
  willRetry?: boolean;
  attempt?: number;
}

export interface RunnerDeps {
  points: RestorePointsRepository;
  bases: ScheduledBasesRepository;
  store: ObjectStore;
  runtime: RuntimeClient;
  retention: RetentionService;
  notify: () => void;
}

/**
 * One backup, archive or safety backup for one (base, slot): snapshot through the runtime into the
 * slot's object key, verify it (`verifyStoredObject`), then complete. The (baseId, slot, kind) row makes
 * a retried run reuse its record and key, so a killed worker never leaves two backups or a listed
 * half-backup.
 */
export class BackupRunner {
  constructor(private readonly deps: RunnerDeps) {}

  async run(request: RunRequest): Promise<RunOutcome> {
    const { points, bases } = this.deps;
    const found = await points.baseWithNewestBackup(request.baseId);
    if (!found) throw new BaseNotKnownError({ baseId: request.baseId });
    const { base } = found;

    const newestBackup = request.kind === 'backup' ? found.newestBackup : null;
    if (request.skipIfNothingNew && request.kind === 'backup' && newestBackup) {
      const status = await this.deps.runtime.status(base.uai);
      const lastEntryAt = status.lastEntryAt ? new Date(status.lastEntryAt) : null;
      if (!hasEntriesToSave(lastEntryAt, newestBackup.lastEntryAt)) {
        if (newestBackup.slot.getTime() !== request.slot.getTime()) {
          await bases.recordSuccessfulRun(base.baseId, 'backup', new Date());
          return { status: 'skipped_nothing_new' };
        }
      }
    }

    const rotationIndex = request.kind === 'backup' ? nextRotationIndex(newestBackup?.rotationIndex ?? null) : null;
    const point = await points.claimRun({
      uai: base.uai,
      baseId: base.baseId,
      kind: request.kind,
      slot: request.slot,
      fileName: fileNameOf(request.kind, base, request.slot, rotationIndex),
      objectKey: objectKeyOf(request.kind, base, request.slot),
    });
    if (point.status === 'complete' || point.status === 'corrupt') return { status: 'already_complete', point };

    try {
      const completed = await this.takeAndVerify(point, base, rotationIndex);
      this.deps.notify();
      if (request.kind !== 'safety') await this.deps.retention.applyAfter(completed);
      return { status: 'completed', point: completed.point };
    } catch (error) {
      await this.recordFailure(point, error, request);
      throw error;
    }
  }

  private async takeAndVerify(point: RestorePoint, base: ScheduledBase, rotationIndex: number | null): Promise<CompletedRun> {
    const { store, runtime, points } = this.deps;
    const snapshot = await withStorageDiagnosis(store, () => runtime.snapshot(base.uai, base.baseId, point.objectKey));
    await asRunError(() => verifyStoredObject(store, { key: point.objectKey, size: snapshot.object.size, sha256: snapshot.object.sha256 }));
    const annexes: AnnexObject[] = point.kind === 'archive' ? await asRunError(() => copyAnnexes(store, base, point.objectKey)) : [];
    const completedAt = new Date();
    const completedEvent = point.kind === 'archive' ? ArchiveCompleted : BackupCompleted;
    return points.markComplete(
      point.id,
      {
        sizeBytes: snapshot.object.size,
        sha256: snapshot.object.sha256,
        statistics: snapshot.statistics,
        baseCreatedAt: new Date(snapshot.createdAt),
        lastEntryAt: snapshot.lastEntryAt ? new Date(snapshot.lastEntryAt) : null,
        rotationIndex,
        annexes,
        completedAt,
      },
      eventOf(completedEvent, {
        restorePointId: point.id,
        uai: point.uai,
        baseId: point.baseId,
        kind: point.kind,
        slot: point.slot.toISOString(),
        fileName: point.fileName,
        objectKey: point.objectKey,
        sizeBytes: snapshot.object.size,
        sha256: snapshot.object.sha256,
        completedAt: completedAt.toISOString(),
      }),
      // A safety backup is no scheduled run: the base's last backup and archive stay as they are.
      point.kind === 'safety' ? null : point.kind,
    );
  }

  private async recordFailure(point: RestorePoint, error: unknown, request: RunRequest): Promise<void> {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'INTERNAL';
    const reason = error instanceof Error ? error.message : String(error);
    await this.deps.points.markFailed(
      point.id,
      `${code}: ${reason}`,
      eventOf(BackupFailed, {
        uai: point.uai,
        baseId: point.baseId,
        kind: point.kind,
        slot: point.slot.toISOString(),
        code,
        reason,
        attempt: request.attempt ?? point.attempts,
        willRetry: request.willRetry ?? false,
      }),
    );
    this.deps.notify();
  }
}

function fileNameOf(kind: RestorePointKindView, base: ScheduledBase, slot: Date, rotationIndex: number | null): string {
  if (kind === 'archive') return archiveFileName(base.name, slot);
  if (kind === 'safety') return preRestoreFileName(base.name, slot);
  return backupFileName(base.name, rotationIndex!);
}

function objectKeyOf(kind: RestorePointKindView, base: ScheduledBase, slot: Date): string {
  if (kind === 'archive') return archiveObjectKey(base, slot);
  if (kind === 'safety') return preRestoreObjectKey(base, slot);
  return backupObjectKey(base, slot);
}
