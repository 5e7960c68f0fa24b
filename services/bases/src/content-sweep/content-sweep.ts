import { baseOfContentKey } from '@pronote/contracts';
import type { ObjectStore } from '@pronote/storage';
import type { BasesRepository } from '../lifecycle/bases.repository.js';

/** Keys looked up in one query, and removed in one request. */
const CHUNK = 500;

export interface ContentSweepReport {
  /** Content objects old enough to be judged. */
  examined: number;
  removed: string[];
}

/**
 * Removes the base content objects no base points to: a restore's staged object whose backups
 * service stopped before bases recorded it, or a replaced content whose removal failed. Only objects
 * older than the grace period are judged: a restore records its staged object within the runtime's
 * preparation lifetime, so an older object nobody points to can no longer become a base's content.
 * Annex files, uploads and every other key are never touched.
 */
export class ContentSweep {
  constructor(
    private readonly bases: Pick<BasesRepository, 'contentKeysInUse'>,
    private readonly store: ObjectStore,
    private readonly graceMs: number,
  ) {}

  async sweep(now = new Date()): Promise<ContentSweepReport> {
    const cutoff = now.getTime() - this.graceMs;
    const candidates = (await this.store.list('bases/'))
      .filter((object) => baseOfContentKey(object.key) !== null && object.lastModified.getTime() < cutoff)
      .map((object) => object.key);
    const removed: string[] = [];
    for (let start = 0; start < candidates.length; start += CHUNK) {
      const chunk = candidates.slice(start, start + CHUNK);
      const inUse = await this.bases.contentKeysInUse(chunk);
      const orphans = chunk.filter((key) => !inUse.has(key));
      await this.store.removeMany(orphans);
      removed.push(...orphans);
    }
    return { examined: candidates.length, removed };
  }
}
