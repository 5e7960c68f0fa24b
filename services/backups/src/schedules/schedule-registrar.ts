import type { Queue } from 'bullmq';
import {
  DEFAULT_ARCHIVE_SLOTS,
  DEFAULT_BACKUP_SLOTS,
  DEFAULT_SPREAD,
  schedulerRepeatFor,
  type SlotPolicy,
  type SpreadPolicy,
} from '../domain/schedule.js';
import { JobName, type TickData } from '../jobs/queue-names.js';
import type { ScheduledBasesRepository } from './scheduled-bases.repository.js';

export interface SchedulePolicies {
  backups: SlotPolicy;
  archives: SlotPolicy;
  spread: SpreadPolicy;
}

export const DEFAULT_SCHEDULE_POLICIES: SchedulePolicies = {
  backups: DEFAULT_BACKUP_SLOTS,
  archives: DEFAULT_ARCHIVE_SLOTS,
  spread: DEFAULT_SPREAD,
};

export function backupSchedulerId(baseId: string): string {
  return `backup:${baseId}`;
}

export function archiveSchedulerId(baseId: string): string {
  return `archive:${baseId}`;
}

const REGISTRATION_PAGE = 500;
const PARALLEL_UPSERTS = 64;

/** Mirrors the Postgres registry of bases in service into BullMQ job schedulers. */
export class ScheduleRegistrar {
  constructor(
    private readonly queue: Queue,
    private readonly bases: ScheduledBasesRepository,
    private readonly policies: SchedulePolicies = DEFAULT_SCHEDULE_POLICIES,
  ) {}

  /** Idempotent: upserting an existing scheduler with the same pattern changes nothing. */
  async add(baseId: string): Promise<void> {
    const data: TickData = { baseId };
    const backup = schedulerRepeatFor(baseId, this.policies.backups, this.policies.spread);
    const archive = schedulerRepeatFor(baseId, this.policies.archives, this.policies.spread);
    await Promise.all([
      this.queue.upsertJobScheduler(backupSchedulerId(baseId), { pattern: backup.pattern, tz: backup.tz }, { name: JobName.BACKUP_TICK, data }),
      this.queue.upsertJobScheduler(archiveSchedulerId(baseId), { pattern: archive.pattern, tz: archive.tz }, { name: JobName.ARCHIVE_TICK, data }),
    ]);
  }

  async remove(baseId: string): Promise<void> {
    await Promise.all([this.queue.removeJobScheduler(backupSchedulerId(baseId)), this.queue.removeJobScheduler(archiveSchedulerId(baseId))]);
  }

  /** At start: every base in service gets its schedulers back, whatever Redis lost. Returns the count. */
  async recreateAll(): Promise<number> {
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const page = await this.bases.inServicePage(after, REGISTRATION_PAGE);
      if (page.length === 0) return count;
      for (let i = 0; i < page.length; i += PARALLEL_UPSERTS) {
        await Promise.all(page.slice(i, i + PARALLEL_UPSERTS).map((base) => this.add(base.baseId)));
      }
      count += page.length;
      after = page[page.length - 1]!.baseId;
    }
  }
}
