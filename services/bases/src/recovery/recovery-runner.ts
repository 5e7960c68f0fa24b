import { Inject, Injectable } from '@nestjs/common';
import type { ObjectStore } from '@pronote/storage';
import { recoveryReport } from '../domain/recovery-data.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { RecoverySources } from './recovery-sources.js';
import { type Recovery, RecoveryRepository } from './recovery.repository.js';

export const recoveredDataKey = (uai: string, baseId: string, recoveryId: string) => `bases/${uai}/${baseId}/recovered/${recoveryId}.json`;

/**
 * The body of a recovery job: read the source, keep what was taken next to the base, record the
 * report. Safe to run again (BullMQ is at-least-once): same key, same bytes, completed once.
 */
@Injectable()
export class RecoveryRunner {
  constructor(
    private readonly repository: RecoveryRepository,
    private readonly sources: RecoverySources,
    private readonly bases: BasesRepository,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
  ) {}

  async run(recoveryId: string): Promise<void> {
    const recovery = await this.repository.findById(recoveryId);
    if (!recovery || recovery.status === 'completed') return;
    await this.repository.markRunning(recovery.id);
    const source = recovery.source === 'previous-year' ? await this.sources.fromBaseContent(await this.currentContentKey(recovery)) : await this.sources.fromPreparation(recovery.sourceKey);
    const report = recoveryReport(recovery.categories, source.data, { ...source.from, source: recovery.source });
    const taken = Object.fromEntries(recovery.categories.map((id) => [id, source.data[id] ?? { items: 0 }]));
    const stored = await this.store.putBuffer(recoveredDataKey(recovery.uai, recovery.baseId, recovery.id), Buffer.from(JSON.stringify({ report, data: taken })), 'application/json');
    await this.repository.complete(recovery, report, {
      uai: recovery.uai,
      baseId: recovery.baseId,
      actor: recovery.actor,
      action: 'base.data_recovered',
      details: { recoveryId: recovery.id, source: recovery.source, from: report.from.schoolYear, categories: recovery.categories.length, totalItems: report.totalItems, objectKey: stored.key },
    });
  }

  /**
   * A restore gives a base a new content object (and removes the one it replaces): read the previous
   * year's base where its content is now, not where it was when the recovery was asked for.
   */
  private async currentContentKey(recovery: Recovery): Promise<string> {
    if (!recovery.sourceBaseId) return recovery.sourceKey;
    return (await this.bases.findById(recovery.uai, recovery.sourceBaseId)).content.key;
  }
}
