import { Injectable } from '@nestjs/common';
import { DomainError, type BasePanel, type HistoryEntry } from '@pronote/contracts';
import { toBaseView } from '../lifecycle/base.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { RuntimeClient } from '../runtime/runtime.client.js';

/** Fiche 9 header (base in service + the runtime's statistics) and "Historique". */
@Injectable()
export class BasePanelService {
  constructor(
    private readonly bases: BasesRepository,
    private readonly runtime: RuntimeClient,
  ) {}

  async panel(uai: string): Promise<BasePanel> {
    const all = await this.bases.listBySchool(uai);
    const inService = all.find((base) => base.state === 'in_service') ?? null;
    const base = inService ? toBaseView(inService, all) : null;
    try {
      const status = await this.runtime.status(uai);
      const sameBase = inService !== null && status.baseId === inService.id;
      return {
        uai,
        base: base && sameBase ? { ...base, lastEntryAt: status.lastEntryAt ?? base.lastEntryAt } : base,
        statistics: sameBase ? status.statistics : null,
        connections: status.connections,
        runtimeReachable: true,
      };
    } catch (error) {
      // The panel still shows what we recorded when the runtime is slow or down.
      if (error instanceof DomainError && error.code.startsWith('RUNTIME_')) {
        return { uai, base, statistics: null, connections: 0, runtimeReachable: false };
      }
      throw error;
    }
  }

  async history(uai: string, baseId: string | undefined, limit = 100): Promise<HistoryEntry[]> {
    const rows = await this.bases.history(uai, baseId, limit);
    return rows.map((row) => ({ id: row.id, at: row.at.toISOString(), actor: row.actor, action: row.action, baseId: row.baseId, details: row.details }));
  }
}
