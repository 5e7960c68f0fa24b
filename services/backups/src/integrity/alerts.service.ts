import { type BackupAlertCode, evaluateAlerts } from '../domain/alerts.js';
import type { RuntimeClient } from '../runs/runtime-client.js';
import type { ScheduledBasesRepository } from '../schedules/scheduled-bases.repository.js';
import type { AlertsRepository } from './alerts.repository.js';

/** Overdue backups (4 h) and archives (1 day) of bases that had entries, raised and cleared as events. */
export class AlertsService {
  constructor(
    private readonly bases: ScheduledBasesRepository,
    private readonly alerts: AlertsRepository,
    private readonly runtime: RuntimeClient,
    private readonly notify: () => void,
  ) {}

  async evaluateAll(now: Date = new Date()): Promise<{ raised: number; cleared: number }> {
    let after: string | null = null;
    const totals = { raised: 0, cleared: 0 };
    for (;;) {
      const page = await this.bases.inServicePage(after, 200);
      if (page.length === 0) break;
      for (const base of page) {
        const live = await this.runtime.status(base.uai);
        const active = (await this.alerts.active({ baseId: base.baseId })).filter((alert) => alert.code !== 'DRILL_MISMATCH');
        const decision = evaluateAlerts(
          { lastEntryAt: live.lastEntryAt ? new Date(live.lastEntryAt) : null, lastBackupAt: base.lastBackupAt, lastArchiveAt: base.lastArchiveAt, monitoredSince: base.monitoredSince },
          active.map((alert) => alert.code as BackupAlertCode),
          now,
        );
        for (const alert of decision.raise) {
          await this.alerts.raise({ uai: base.uai, baseId: base.baseId, code: alert.code, since: alert.overdueSince, details: { lastSuccessAt: alert.lastSuccessAt?.toISOString() ?? null } });
          totals.raised += 1;
        }
        for (const code of decision.clear) {
          for (const alert of active.filter((candidate) => candidate.code === code)) await this.alerts.clear(alert, now);
          totals.cleared += 1;
        }
      }
      after = page[page.length - 1]!.baseId;
    }
    if (totals.raised + totals.cleared > 0) this.notify();
    return totals;
  }
}
