import { BackupPruned } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import { PLATFORM_DEFAULT_RETENTION, planRetention, resolveRetentionPolicy, type RetentionItem, type RetentionPolicy } from '../domain/retention.js';
import { domainKindOf, objectKeysOf, type RestorePoint } from '../records/restore-point.js';
import { eventOf, type RestorePointsRepository } from '../records/restore-points.repository.js';
import type { ScheduledBasesRepository } from '../schedules/scheduled-bases.repository.js';

type Candidate = RetentionItem & { point: RestorePoint };

/**
 * Applies the retention policy to one base after each run. Pruning order (never a record without its
 * object, never an object without its record): mark the row `pruning` (no longer listed), remove the
 * objects, delete the row. `sweep()` finishes what a crash interrupted.
 */
export class RetentionService {
  constructor(
    private readonly points: RestorePointsRepository,
    private readonly bases: ScheduledBasesRepository,
    private readonly store: ObjectStore,
    private readonly notify: () => void,
    private readonly platformPolicy: RetentionPolicy = PLATFORM_DEFAULT_RETENTION,
  ) {}

  async applyFor(uai: string, baseId: string, now: Date = new Date()): Promise<RestorePoint[]> {
    const policy = resolveRetentionPolicy(this.platformPolicy, await this.bases.retentionOverride(uai));
    const candidates: Candidate[] = (await this.points.listOfBase(baseId))
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

  /** Finishes prunings interrupted by a crash (row `pruning`, objects maybe still there). */
  async sweep(): Promise<number> {
    const stuck = await this.points.listByStatus(['pruning']);
    for (const point of stuck) {
      await this.store.removeMany(objectKeysOf(point));
      await this.points.deletePruned(point.id, null);
    }
    return stuck.length;
  }
}
