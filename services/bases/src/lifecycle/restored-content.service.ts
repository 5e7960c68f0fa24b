import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { isBaseContentKey, type RequestOf, type RecordRestoredContent, type ResponseOf } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { SchoolLocks } from '../school-locks/school-locks.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { BaseAlreadyInServiceError } from './bases.errors.js';
import { BasesRepository } from './bases.repository.js';

/**
 * A restore (run by backups through the runtime) replaced the stopped base's content object: its new
 * size + sha256 are recorded, else the next putting in service would be refused by the runtime's
 * checksum check (RUNTIME_CHECKSUM_MISMATCH against the content recorded at the stop). A restore
 * gives the base a new content object (staged by the runtime before the stop): once it is recorded,
 * the object it replaces is no base's content any more and is removed — after the answer, so a restore
 * does not wait for the deletion of a base-sized object (one left behind by a crash is the content
 * sweep's).
 */
@Injectable()
export class RestoredContentService implements OnApplicationShutdown {
  private readonly removals = new Set<Promise<void>>();

  constructor(
    private readonly bases: BasesRepository,
    private readonly locks: SchoolLocks,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Under the school's order lease, so a start cannot read the content record while it changes. */
  record(request: RequestOf<typeof RecordRestoredContent>): Promise<ResponseOf<typeof RecordRestoredContent>> {
    return this.locks.withSchool(request.uai, 'record_restored_content', () => this.recordLocked(request));
  }

  private async recordLocked(request: RequestOf<typeof RecordRestoredContent>): Promise<ResponseOf<typeof RecordRestoredContent>> {
    const { uai, baseId, content, actor } = request;
    const base = await this.bases.findById(uai, baseId);
    // The runtime restores only a stopped base: in service here means it was started since, from older content.
    if (base.state === 'in_service') throw new BaseAlreadyInServiceError(uai);
    const lastEntryAt = request.lastEntryAt ? new Date(request.lastEntryAt) : null;
    const details = { restorePointId: request.restorePointId, restoredFileName: request.restoredFileName, size: content.size, sha256: content.sha256 };
    const recorded = await this.bases.markStopped(base, content, lastEntryAt, {
      history: { uai, baseId, actor, action: 'base.restored', details },
      events: [],
    });
    const replaced = base.content.key;
    if (replaced !== recorded.content.key && isBaseContentKey(uai, baseId, replaced)) this.removeReplaced(replaced);
    return { baseId, state: 'stopped', content: recorded.content };
  }

  /** The removals still running (a graceful stop lets them finish). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.removals);
  }

  /** Left behind on failure (logged): an object no base points to wastes space but misleads nobody. */
  private removeReplaced(key: string): void {
    const removal = this.store
      .remove(key)
      .catch((error: unknown) => this.logger.warn({ err: error, key }, 'replaced base content not removed'))
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }
}
