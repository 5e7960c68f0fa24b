import { randomUUID } from 'node:crypto';
import {
  BackupsErrorCodes,
  DomainError,
  type ResponseOf,
  RestoreCompleted,
  type RestoreFromPoint,
  restoredContentKey,
  type RuntimeRestore,
  type RuntimeRestorePrepare,
} from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import { findAnnexProblem, reportCorrupt } from '../integrity/integrity-check.js';
import type { RestorePoint } from '../records/restore-point.js';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';
import type { BackupRunner } from '../runs/backup-runner.js';
import type { RuntimeClient } from '../runs/runtime-client.js';
import { BaseNotKnownError } from '../runs/runs.errors.js';
import type { ScheduledBasesRepository } from '../schedules/scheduled-bases.repository.js';
import type { EventWriter } from './restore-history.js';
import { integrityProblemOf } from './runtime-refusal.js';
import { visiblePoint } from './restore-point-lookup.js';
import { BaseInServiceError, CorruptNotAcknowledgedError } from './restore.errors.js';

export interface RestoreRequest {
  uai: string;
  restorePointId: string;
  confirmStop: boolean;
  acknowledgeCorrupt: boolean;
  actor: string;
}

/**
 * "Ouvrir cette sauvegarde / archive": verify first (the runtime prepares the point's content while the
 * base still runs), stop only when confirmed, keep a safety backup of what is replaced, then have the
 * runtime load the prepared content; bases records the staged object as the base's content. The base
 * is left stopped.
 */
export class RestoreService {
  constructor(
    private readonly deps: {
      points: RestorePointsRepository;
      bases: ScheduledBasesRepository;
      store: ObjectStore;
      runtime: RuntimeClient;
      runner: BackupRunner;
      notify: () => void;
      recordHistory: EventWriter;
    },
  ) {}

  async restore(request: RestoreRequest): Promise<ResponseOf<typeof RestoreFromPoint>> {
    const { points, runtime } = this.deps;
    const point = await visiblePoint(points, request.uai, request.restorePointId);
    if (point.status === 'corrupt' && !request.acknowledgeCorrupt) throw new CorruptNotAcknowledgedError(point.id);
    const base = await this.deps.bases.find(point.baseId);
    if (!base) throw new BaseNotKnownError({ baseId: point.baseId });
    const live = await runtime.status(base.uai);
    const inService = live.state === 'in_service';
    if (inService && !request.confirmStop) throw new BaseInServiceError(base.uai, base.baseId);

    const prepared = await this.prepareVerified(point, base);
    let safety: RestorePoint;
    let restored: ResponseOf<typeof RuntimeRestore>;
    try {
      if (inService) await runtime.stopForRestore(base.uai, base.baseId, request.actor);
      safety = await this.takeSafetyBackup(base.baseId);
      restored = await runtime.restore(base.uai, base.baseId, prepared.preparationId);
    } catch (error) {
      await this.discardStaged(prepared.content.key);
      throw error;
    }
    // From here the staged object may be the base's recorded content: it is never removed by us.
    await runtime.recordRestoredContent({
      uai: base.uai,
      baseId: base.baseId,
      content: restored.content,
      lastEntryAt: restored.status.lastEntryAt,
      restorePointId: point.id,
      restoredFileName: point.fileName,
      actor: request.actor,
    });
    const restoredAt = new Date();
    await this.deps.recordHistory(RestoreCompleted, {
      uai: base.uai,
      baseId: base.baseId,
      restorePointId: point.id,
      restoredKind: point.kind,
      restoredFileName: point.fileName,
      safetyRestorePointId: safety.id,
      actor: request.actor,
      restoredAt: restoredAt.toISOString(),
    });
    this.deps.notify();
    return { restorePointId: point.id, safetyRestorePointId: safety.id, baseState: 'stopped', restoredAt: restoredAt.toISOString() };
  }

  /**
   * Before anything is stopped: the runtime reads the point's object once, checked against its recorded
   * size + sha256 (it keeps those bytes to load them, and S3 copies the same version to a staging key
   * meanwhile), while an archive's annex files are re-read here. A mismatch marks the point corrupt and
   * refuses the restore; the live base is untouched.
   */
  private async prepareVerified(point: RestorePoint, base: { uai: string; baseId: string }): Promise<ResponseOf<typeof RuntimeRestorePrepare>> {
    const source = { key: point.objectKey, size: point.sizeBytes!, sha256: point.sha256! };
    const stagingKey = restoredContentKey(base.uai, base.baseId, randomUUID());
    const [staged, annexes] = await Promise.allSettled([
      this.deps.runtime.prepareRestore(base.uai, base.baseId, source, stagingKey),
      findAnnexProblem(this.deps.store, point),
    ]);
    const problem = (staged.status === 'rejected' ? integrityProblemOf(staged.reason, source) : null) ?? (annexes.status === 'fulfilled' ? annexes.value : null);
    if (staged.status === 'fulfilled' && (problem || annexes.status === 'rejected')) await this.discardStaged(stagingKey);
    if (problem) {
      if (await reportCorrupt(this.deps.points, point, problem, new Date())) this.deps.notify();
      throw new DomainError(BackupsErrorCodes.CHECKSUM_MISMATCH, 'the backup no longer matches its recorded sha256: restore refused', {
        restorePointId: point.id,
        ...problem,
      });
    }
    if (staged.status === 'rejected') throw staged.reason;
    if (annexes.status === 'rejected') throw annexes.reason;
    return staged.value;
  }

  /** A staged copy no base points to (the runtime forgets its preparation when it expires). */
  private async discardStaged(key: string): Promise<void> {
    await this.deps.store.remove(key).catch(() => undefined);
  }

  /**
   * A new safety backup of the live content, always: a second restore within the same second (an undo
   * right after a restore) would otherwise find the first one's complete row and keep no copy of what
   * it replaces, so the next free second is taken.
   */
  private async takeSafetyBackup(baseId: string): Promise<RestorePoint> {
    let slot = wholeSecond(new Date());
    for (let attempt = 0; attempt < MAX_SAFETY_SLOT_ATTEMPTS; attempt += 1) {
      const outcome = await this.deps.runner.run({ kind: 'safety', baseId, slot, skipIfNothingNew: false });
      if (outcome.status === 'completed') return outcome.point;
      slot = new Date(slot.getTime() + 1000);
    }
    throw new Error(`no free second for a safety backup of ${baseId}`);
  }
}

/** Safety backups are keyed by the second they were taken (object key and (baseId, slot, kind) row). */
function wholeSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

const MAX_SAFETY_SLOT_ATTEMPTS = 60;
