import { type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import type { Logger } from '@pronote/observability';
import { newCorrelationId, runWithContext } from '@pronote/observability';
import { JobName, QueueName, type RunData, type TickData } from '../jobs/queue-names.js';
import type { BackupRunner } from './backup-runner.js';
import { DEFAULT_RUN_RETRY, enqueueRunForTick, type RunRetry } from './tick.js';

export interface RunWorkersOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  /** How long a killed worker's job stays locked before another worker takes it again. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  retry?: RunRetry;
}

/** BullMQ adapters: scheduler ticks → run jobs → BackupRunner. */
export class RunWorkers {
  readonly runsQueue: Queue<RunData>;
  private readonly ticks: Worker<TickData>;
  private readonly runs: Worker<RunData>;
  private readonly retry: RunRetry;

  constructor(
    private readonly runner: BackupRunner,
    private readonly logger: Logger,
    options: RunWorkersOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RUN_RETRY;
    const base = { connection: options.connection, prefix: options.prefix };
    this.runsQueue = new Queue<RunData>(QueueName.RUNS, base);
    this.ticks = new Worker<TickData>(QueueName.SCHEDULES, (job) => this.onTick(job), { ...base, concurrency: 8 });
    this.runs = new Worker<RunData>(QueueName.RUNS, (job) => this.onRun(job), {
      ...base,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 60_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
    });
    for (const worker of [this.ticks, this.runs]) {
      worker.on('failed', (job, error) =>
        this.logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'backup job failed'),
      );
      worker.on('error', (error) => this.logger.error({ err: error }, 'backup worker error'));
    }
  }

  private async onTick(job: Job<TickData>): Promise<void> {
    const run = await enqueueRunForTick(this.runsQueue, job, undefined, this.retry);
    this.logger.info({ jobId: run.jobId, kind: run.kind, slot: run.slot }, 'backup run enqueued');
  }

  private async onRun(job: Job<RunData>): Promise<string> {
    if (job.name !== JobName.RUN) return 'ignored';
    const correlationId = job.data.correlationId ?? newCorrelationId();
    return runWithContext({ correlationId }, async () => {
      const attempt = job.attemptsMade + 1;
      const outcome = await this.runner.run({
        kind: job.data.kind,
        baseId: job.data.baseId,
        slot: new Date(job.data.slot),
        skipIfNothingNew: true,
        attempt,
        willRetry: attempt < (job.opts.attempts ?? 1),
      });
      this.logger.info({ jobId: job.id, outcome: outcome.status }, 'backup run done');
      return outcome.status;
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.ticks.close(), this.runs.close()]);
    await this.runsQueue.close();
  }
}
