import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import { JobName, QueueName, type RecoverData } from '../jobs/queue-names.js';
import { REDIS } from '../jobs/redis.module.js';
import { RecoveryRunner } from './recovery-runner.js';
import { RecoveryRepository } from './recovery.repository.js';

const ATTEMPTS = 5;

/** The BullMQ queue of recoveries. The job id is the school's idempotency key: one job per key. */
@Injectable()
export class RecoveryQueue implements OnApplicationShutdown {
  private readonly queue: Queue<RecoverData>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(BASES_CONFIG) config: BasesConfig) {
    this.queue = new Queue<RecoverData>(QueueName.RECOVERY, { connection: redis, prefix: config.REDIS_PREFIX });
  }

  async enqueue(recovery: { id: string; uai: string; idempotencyKey: string }, correlationId?: string): Promise<void> {
    await this.queue.add(JobName.RECOVER, { recoveryId: recovery.id, correlationId }, {
      jobId: `recovery-${recovery.uai}-${recovery.idempotencyKey}`,
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** Runs the recoveries. A rule's refusal (DomainError) fails the recovery at once; anything else is retried. */
@Injectable()
export class RecoveryProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker<RecoverData> | undefined;

  constructor(
    private readonly runner: RecoveryRunner,
    private readonly repository: RecoveryRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(BASES_CONFIG) private readonly config: BasesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<RecoverData>(QueueName.RECOVERY, (job) => this.process(job), {
      connection: this.redis,
      prefix: this.config.REDIS_PREFIX,
      concurrency: this.config.RECOVERY_CONCURRENCY,
    });
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void this.repository.fail(job.data.recoveryId, String(error)).catch((err: unknown) => this.logger.error({ err }, 'recording a failed recovery'));
      }
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'recovery worker'));
  }

  private async process(job: Job<RecoverData>): Promise<void> {
    try {
      await this.runner.run(job.data.recoveryId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ recoveryId: job.data.recoveryId, code: error.code, correlationId: job.data.correlationId }, 'recovery refused');
      await this.repository.fail(job.data.recoveryId, `${error.code}: ${error.message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
