import type { ListBackupAlerts, ListBackupFailures, ListDrills, ResponseOf } from '@pronote/contracts';
import type { AlertsRepository } from '../integrity/alerts.repository.js';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';

/** What the operator (and, for alerts, the school) reads: failed runs, active alerts, latest drills. */
export class OperatorViews {
  constructor(
    private readonly points: RestorePointsRepository,
    private readonly alerts: AlertsRepository,
  ) {}

  async failures(filter: { uai?: string; limit: number }): Promise<ResponseOf<typeof ListBackupFailures>> {
    const failed = await this.points.failed(filter.uai ? { uai: filter.uai } : {}, filter.limit);
    return {
      failures: failed.map((point) => ({
        restorePointId: point.id,
        uai: point.uai,
        baseId: point.baseId,
        kind: point.kind,
        slot: point.slot.toISOString(),
        attempts: point.attempts,
        lastError: point.lastError ?? 'unknown',
      })),
    };
  }

  async activeAlerts(uai: string | undefined): Promise<ResponseOf<typeof ListBackupAlerts>> {
    const alerts = await this.alerts.active(uai ? { uai } : {});
    return { alerts: alerts.map((alert) => ({ ...alert, since: alert.since.toISOString() })) };
  }

  async drills(filter: { result?: 'match' | 'mismatch' | 'error'; limit: number }): Promise<ResponseOf<typeof ListDrills>> {
    const drilled = await this.points.drilled(filter.result ? { result: filter.result } : {}, filter.limit);
    return {
      drills: drilled.map((point) => ({
        restorePointId: point.id,
        uai: point.uai,
        baseId: point.baseId,
        kind: point.kind,
        name: point.fileName,
        lastDrillAt: point.lastDrillAt!.toISOString(),
        lastDrillResult: point.lastDrillResult!,
      })),
    };
  }
}
