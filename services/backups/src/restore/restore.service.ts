import { baseContentKey, type ResponseOf, RestoreCompleted, type RestoreFromPoint } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import { BackupsErrorCodes, DomainError } from '@pronote/contracts';
import { findIntegrityProblem, reportCorrupt } from '../integrity/integrity-check.js';
import type { RestorePoint } from '../records/restore-point.js';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';
import type { BackupRunner } from '../runs/backup-runner.js';
import type { RuntimeClient } from '../runs/runtime-client.js';
import { BaseNotKnownError } from '../runs/runs.errors.js';
import type { ScheduledBasesRepository } from '../schedules/scheduled-bases.repository.js';
import type { EventWriter } from './restore-history.js';
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
 * "Ouvrir cette sauvegarde / archive": verify first, stop only when confirmed, keep a safety backup of
 * what is replaced, then have the runtime load the point's content. The base is left stopped.
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
    const { points, store, runtime } = this.deps;
    const point = await visiblePoint(points, request.uai, request.restorePointId);
    if (point.status === 'corrupt' && !request.acknowledgeCorrupt) throw new CorruptNotAcknowledgedError(point.id);
    const base = await this.deps.bases.find(point.baseId);
    if (!base) throw new BaseNotKnownError({ baseId: point.baseId });

    const problem = await findIntegrityProblem(store, point);
    if (problem) {
      if (await reportCorrupt(points, point, problem, new Date())) this.deps.notify();
      throw new DomainError(BackupsErrorCodes.CHECKSUM_MISMATCH, 'the backup no longer matches its recorded sha256: restore refused', {
        restorePointId: point.id,
        ...problem,
      });
    }

    const live = await runtime.status(base.uai);
    if (live.state === 'in_service') {
      if (!request.confirmStop) throw new BaseInServiceError(base.uai, base.baseId);
      await runtime.stopForRestore(base.uai, base.baseId, request.actor);
    }

    const safety = await this.takeSafetyBackup(base.baseId);

    const replaced = await runtime.restore(
      base.uai,
      base.baseId,
      { key: point.objectKey, size: point.sizeBytes!, sha256: point.sha256! },
      baseContentKey(base.uai, base.baseId),
    );
    await runtime.recordRestoredContent({
      uai: base.uai,
      baseId: base.baseId,
      content: replaced.content,
      lastEntryAt: replaced.status.lastEntryAt,
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
