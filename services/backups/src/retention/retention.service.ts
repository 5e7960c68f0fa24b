import { BackupFailed, BackupPruned } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import {
  PLATFORM_DEFAULT_RETENTION,
  planRetention,
  resolveRetentionPolicy,
  type RetentionItem,
  type RetentionOverride,
  type RetentionPolicy,
} from '../domain/retention.js';
import { domainKindOf, objectKeysOf, type RestorePoint } from '../records/restore-point.js';
import { type CompletedRun, eventOf, type RestorePointsRepository } from '../records/restore-points.repository.js';

type Candidate = RetentionItem & { point: RestorePoint };

export interface SweepReport {
  /** Prunings a crash had interrupted, finished. */
  prunings: number;
  /** Runs given up (pending or failed too long): objects removed, rows kept failed. */
  abandoned: number;
}

export const DEFAULT_ABANDON_AFTER_MS = 6 * 3_600_000;
const ABANDONED_REASON = 'BACKUP_RUN_ABANDONED: no attempt finished this run';

function abandonedEvent(point: RestorePoint) {
  return eventOf(BackupFailed, {
    uai: point.uai,
    baseId: point.baseId,
    kind: point.kind,
    slot: point.slot.toISOString(),
    code: 'BACKUP_RUN_ABANDONED',
    reason: 'no attempt finished this run',
    attempt: Math.max(point.attempts, 1),
    willRetry: false,
  });
}

/**
 * Applies the retention policy to one base after each run. Pruning order (never a record without its
 * object, never an object without its record): mark the row `pruning` (no longer listed), remove the
 * objects, delete the row. `sweep()` finishes what a crash interrupted.
 */
export class RetentionService {
  /** Validated once, here: most schools have no override of their own. */
  private readonly platformPolicy: RetentionPolicy;

  constructor(
    private readonly points: RestorePointsRepository,
    private readonly store: ObjectStore,
    private readonly notify: () => void,
    platformPolicy: RetentionPolicy = PLATFORM_DEFAULT_RETENTION,
  ) {
    this.platformPolicy = resolveRetentionPolicy(platformPolicy);
  }

  /** Right after a run completed, from the base's points and the school's override its completion read. */
  async applyAfter(run: CompletedRun, now: Date = new Date()): Promise<RestorePoint[]> {
    const policy = this.policyWith(run.retentionOverride);
    const candidates: Candidate[] = run.pointsOfBase
      .filter((point) => point.status !== 'pruning')
      .map((point) => ({
        id: point.id,
        kind: domainKindOf(point.kind),
        takenAt: point.slot,
        // A corrupt point is no restore point: it may go once a newer complete one exists.
        state: point.status === 'complete' ? 'complete' : point.status === 'pending' ? 'pending' : 'failed',
        verifiedAt: point.verifiedAt,
        point,
      }));
    const plan = planRetention(candidates, policy, now);
    const pruned: RestorePoint[] = [];
    for (const { item, reason } of plan.prune) {
      if (!(await this.points.markPruning(item.id))) continue;
      await this.store.removeMany(objectKeysOf(item.point));
      await this.points.deletePruned(
        item.id,
        eventOf(BackupPruned, {
          restorePointId: item.id,
          uai: item.point.uai,
          baseId: item.point.baseId,
          kind: item.point.kind,
          slot: item.point.slot.toISOString(),
          objectKey: item.point.objectKey,
          reason,
        }),
      );
      pruned.push(item.point);
    }
    if (pruned.length > 0) this.notify();
    return pruned;
  }

  private policyWith(override: RetentionOverride): RetentionPolicy {
    return Object.keys(override).length > 0 ? resolveRetentionPolicy(this.platformPolicy, override) : this.platformPolicy;
  }

  /**
   * Finishes prunings interrupted by a crash (row `pruning`, objects maybe still there), and removes
   * the objects of runs that will never complete (pending or failed for longer than `abandonAfterMs`,
   * far beyond the retries' backoff): their rows stay, failed, for the operator; no object stays unlisted.
   */
  async sweep(now: Date = new Date(), abandonAfterMs = DEFAULT_ABANDON_AFTER_MS): Promise<SweepReport> {
    const stuck = await this.points.listByStatus(['pruning']);
    for (const point of stuck) {
      await this.store.removeMany(objectKeysOf(point));
      await this.points.deletePruned(point.id, null);
    }
    const stale = await this.points.staleIncomplete(new Date(now.getTime() - abandonAfterMs));
    for (const point of stale) {
      if (point.status === 'pending') await this.points.markAbandoned(point.id, ABANDONED_REASON, abandonedEvent(point));
      await this.store.removeMany(objectKeysOf(point));
    }
    if (stale.length > 0) this.notify();
    return { prunings: stuck.length, abandoned: stale.length };
  }
}
