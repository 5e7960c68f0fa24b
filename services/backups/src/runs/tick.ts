import type { Job, Queue } from 'bullmq';
import { DEFAULT_ARCHIVE_SLOTS, DEFAULT_BACKUP_SLOTS, runIdempotencyKey, slotFor, type SlotPolicy } from '../domain/schedule.js';
import { JobName, type RunData, type TickData } from '../jobs/queue-names.js';

export interface RunRetry {
  attempts: number;
  /** First delay; each next one doubles (S3 or the runtime unreachable for a while). */
  backoffMs: number;
}

export const DEFAULT_RUN_RETRY: RunRetry = { attempts: 5, backoffMs: 5_000 };

/**
 * A scheduler tick becomes the run of its slot. The slot comes from the time the tick was scheduled
 * for (`prevMillis`), never from "now", so a late worker still lands on the right slot; the run's jobId
 * is the idempotency key, so a tick processed twice adds one run.
 */
export async function enqueueRunForTick(
  runs: Queue,
  tick: Pick<Job<TickData>, 'name' | 'data' | 'opts' | 'timestamp'>,
  slots: { backups: SlotPolicy; archives: SlotPolicy } = { backups: DEFAULT_BACKUP_SLOTS, archives: DEFAULT_ARCHIVE_SLOTS },
  retry: RunRetry = DEFAULT_RUN_RETRY,
): Promise<RunData & { jobId: string }> {
  const kind = tick.name === JobName.ARCHIVE_TICK ? 'archive' : 'backup';
  const scheduledAt = new Date(tick.opts.prevMillis ?? tick.timestamp);
  const slot = slotFor(scheduledAt, kind === 'archive' ? slots.archives : slots.backups);
  const jobId = runIdempotencyKey(kind, tick.data.baseId, slot);
  const data: RunData = { kind, baseId: tick.data.baseId, slot: slot.toISOString() };
  await runs.add(JobName.RUN, data, { jobId, ...runJobOptions(retry) });
  return { ...data, jobId };
}

/** Retries with exponential backoff; finished jobs kept long enough that a late duplicate tick is a no-op. */
export function runJobOptions(retry: RunRetry = DEFAULT_RUN_RETRY) {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { age: 7 * 86_400, count: 100_000 },
    removeOnFail: { age: 30 * 86_400 },
  };
}
