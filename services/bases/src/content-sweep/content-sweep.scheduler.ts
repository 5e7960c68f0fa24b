import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { newCorrelationId, runWithContext } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import { JobName, QueueName } from '../jobs/queue-names.js';
import { REDIS } from '../jobs/redis.module.js';
import { BasesRepository } from '../lifecycle/bases.repository.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { ContentSweep } from './content-sweep.js';

/**
 * The content sweep as one BullMQ job scheduler (one run per firing, whatever the number of
 * instances), upserted from config at every start: Redis may have been emptied, or the pattern changed.
 */
@Injectable()
export class ContentSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: Queue;
  private readonly sweep: ContentSweep;
  private worker: Worker | undefined;

  constructor(
    bases: BasesRepository,
    @Inject(BASE_STORE) store: ObjectStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(BASES_CONFIG) private readonly config: BasesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new Queue(QueueName.CONTENT_SWEEP, { connection: redis, prefix: config.REDIS_PREFIX });
    this.sweep = new ContentSweep(bases, store, config.CONTENT_SWEEP_GRACE_MINUTES * 60_000);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(QueueName.CONTENT_SWEEP, () => this.run(), {
      connection: this.redis,
      prefix: this.config.REDIS_PREFIX,
      concurrency: 1,
      lockDuration: 5 * 60_000,
    });
    this.worker.on('failed', (_job, error) => this.logger.warn({ err: error }, 'content sweep failed'));
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'content sweep worker'));
    // Not fatal: Redis may come up after us; the next start registers it.
    await this.queue
      .upsertJobScheduler(
        JobName.SWEEP_CONTENT,
        { pattern: this.config.CONTENT_SWEEP_PATTERN, tz: 'Europe/Paris' },
        { name: JobName.SWEEP_CONTENT, opts: { removeOnComplete: 30, removeOnFail: 30 } },
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'content sweep not scheduled'));
  }

  private run(): Promise<void> {
    return runWithContext({ correlationId: newCorrelationId() }, async () => {
      const report = await this.sweep.sweep();
      this.logger.info({ examined: report.examined, removed: report.removed.length, keys: report.removed.slice(0, 50) }, 'content sweep');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
