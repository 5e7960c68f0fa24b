import { type ConnectionOptions, type Job, type Queue, Worker } from 'bullmq';
import type { Logger } from '@pronote/observability';
import { newCorrelationId, runWithContext } from '@pronote/observability';
import type { BackupsCore } from '../backups-core.js';
import { JobName, QueueName } from './queue-names.js';

export interface MaintenancePatterns {
  verify: string;
  drill: string;
  alerts: string;
  sweep: string;
  tz: string;
}

const SCHEDULED: ReadonlyArray<{ job: JobName; pattern: keyof Omit<MaintenancePatterns, 'tz'> }> = [
  { job: JobName.VERIFY, pattern: 'verify' },
  { job: JobName.DRILL, pattern: 'drill' },
  { job: JobName.ALERTS, pattern: 'alerts' },
  { job: JobName.SWEEP, pattern: 'sweep' },
];

/**
 * Platform-wide jobs as BullMQ job schedulers (one per job name, whatever the number of instances),
 * upserted from config at every start: Redis may have been emptied, or a pattern changed.
 */
export async function registerMaintenanceSchedulers(queue: Queue, patterns: MaintenancePatterns): Promise<void> {
  for (const { job, pattern } of SCHEDULED) {
    await queue.upsertJobScheduler(job, { pattern: patterns[pattern], tz: patterns.tz }, { name: job, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }
}

type Maintenance = Pick<BackupsCore, 'verification' | 'drills' | 'alerts' | 'retention'>;

/** Runs what the maintenance schedulers fire; one at a time per instance (they walk every record). */
export class MaintenanceWorker {
  private readonly worker: Worker;

  constructor(
    private readonly core: Maintenance,
    private readonly logger: Logger,
    options: { connection: ConnectionOptions; prefix: string },
  ) {
    this.worker = new Worker(QueueName.MAINTENANCE, (job) => this.process(job), { ...options, concurrency: 1, lockDuration: 5 * 60_000 });
    this.worker.on('failed', (job, error) => this.logger.warn({ err: error, job: job?.name }, 'maintenance job failed'));
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'maintenance worker error'));
  }

  private process(job: Job): Promise<unknown> {
    return runWithContext({ correlationId: newCorrelationId() }, async () => {
      const report = await this.dispatch(job.name as JobName);
      this.logger.info({ job: job.name, report }, 'maintenance job done');
      return report;
    });
  }

  private async dispatch(name: JobName): Promise<unknown> {
    switch (name) {
      case JobName.VERIFY:
        return this.core.verification.verifyAll();
      case JobName.DRILL:
        return (await this.core.drills.runOnce()).map(({ restorePointId, result }) => ({ restorePointId, result }));
      case JobName.ALERTS:
        return this.core.alerts.evaluateAll();
      case JobName.SWEEP:
        return this.core.retention.sweep();
      default:
        return 'ignored';
    }
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
