import { pickDrillSample, type DrillSamplingOptions, DEFAULT_DRILL_SAMPLING } from '../domain/drill-sampling.js';
import { BASE_STATISTIC_KEYS } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import { domainKindOf, type RestorePoint } from '../records/restore-point.js';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';
import type { RuntimeClient } from '../runs/runtime-client.js';
import type { AlertsRepository } from './alerts.repository.js';

export interface DrillResult {
  restorePointId: string;
  result: 'match' | 'mismatch' | 'error';
  differences: string[];
}

/**
 * Restore drills: a hash proves the bytes, only a restore proves the backup. Each sampled point is
 * restored into the sandbox runtime (its own UAI and subjects, never the school's live runtime) and the
 * statistics the sandbox reads are compared with those recorded at backup time. The staged copy the
 * sandbox restored from is removed once compared, whatever the outcome: drills rotate through every
 * backup, and each would otherwise leave a full copy of one in the bucket.
 */
export class DrillService {
  constructor(
    private readonly points: RestorePointsRepository,
    private readonly alerts: AlertsRepository,
    private readonly runtime: RuntimeClient,
    private readonly store: ObjectStore,
    private readonly sandboxUai: string,
    private readonly notify: () => void,
    private readonly sampling: DrillSamplingOptions = DEFAULT_DRILL_SAMPLING,
  ) {}

  async runOnce(now: Date = new Date()): Promise<DrillResult[]> {
    const complete = await this.points.listByStatus(['complete'], 10_000);
    const sample = pickDrillSample(
      complete.map((point) => ({ id: point.id, uai: point.uai, kind: domainKindOf(point.kind), completedAt: point.completedAt!, lastVerifiedAt: point.lastDrillAt, point })),
      this.sampling,
    );
    const results: DrillResult[] = [];
    for (const { point } of sample) results.push(await this.drill(point, now));
    if (results.some((result) => result.result === 'mismatch')) this.notify();
    return results;
  }

  private async drill(point: RestorePoint, now: Date): Promise<DrillResult> {
    let differences: string[];
    const stagingKey = `sandbox/${this.sandboxUai}/${point.id}.hnot`;
    try {
      const source = { key: point.objectKey, size: point.sizeBytes!, sha256: point.sha256! };
      const prepared = await this.runtime.prepareRestore(this.sandboxUai, point.baseId, source, stagingKey);
      const restored = await this.runtime.restore(this.sandboxUai, point.baseId, prepared.preparationId);
      const read = restored.status.statistics;
      differences = BASE_STATISTIC_KEYS.filter((key) => read?.[key] !== point.statistics?.[key]).map(
        (key) => `${key}: recorded ${point.statistics?.[key]}, restored ${read?.[key]}`,
      );
    } catch (error) {
      await this.points.recordDrill(point.id, now, 'error');
      return { restorePointId: point.id, result: 'error', differences: [error instanceof Error ? error.message : String(error)] };
    } finally {
      // A leftover is only storage: the drill's verdict does not depend on it.
      await this.store.remove(stagingKey).catch(() => undefined);
    }
    const result = differences.length === 0 ? 'match' : 'mismatch';
    await this.points.recordDrill(point.id, now, result);
    if (result === 'mismatch') {
      await this.alerts.raise({ uai: point.uai, baseId: point.baseId, code: 'DRILL_MISMATCH', since: now, details: { restorePointId: point.id, fileName: point.fileName, differences } });
    }
    return { restorePointId: point.id, result, differences };
  }
}
