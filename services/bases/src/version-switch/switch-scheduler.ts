import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, VersionCampaignErrorCode } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { BASES_CONFIG } from '../config/bases-config.token.js';
import type { BasesConfig } from '../config/bases.config.js';
import { type CalendarDate, calendarDateInParis, parseCalendarDate } from '../domain/calendar-date.js';
import { isSwitchDue } from '../domain/version-switch.js';
import { JobName, QueueName, type SwitchData } from '../jobs/queue-names.js';
import { REDIS } from '../jobs/redis.module.js';
import { SwitchCampaignService } from './switch-campaign.service.js';
import { VersionCatalogueService } from './version-catalogue.service.js';
import { VersionSwitchRepository } from './version-switch.repository.js';

/** The switch runs at 03:00 Paris time on the release's switch date, before schools connect. */
const SWITCH_HOUR = 3;
const DAY_MS = 24 * 3600 * 1000;
const schedulerId = (version: number) => `switch-${version}`;
const catchUpJobId = (version: number) => `switch-${version}-catch-up`;

/**
 * The yearly switch as BullMQ jobs (Fiche 3). Schedulers are re-created from the catalogue in
 * Postgres at start and after each catalogue change: a cron on the switch date per unfinished
 * version; a version whose date passed within SWITCH_CATCH_UP_DAYS without a completed campaign
 * (service down that day, schools failed, or a worker killed) gets a one-off job at once. A worker
 * killed mid-campaign loses its job lock; BullMQ hands the job to the next worker (stalled job),
 * and the campaign resumes from the schools without a result.
 */
@Injectable()
export class SwitchScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: Queue<SwitchData>;
  private worker: Worker<SwitchData> | undefined;

  constructor(
    private readonly catalogue: VersionCatalogueService,
    private readonly campaigns: SwitchCampaignService,
    private readonly repository: VersionSwitchRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(BASES_CONFIG) private readonly config: BasesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new Queue<SwitchData>(QueueName.VERSION_SWITCH, { connection: redis, prefix: config.REDIS_PREFIX });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker<SwitchData>(QueueName.VERSION_SWITCH, (job) => this.process(job), {
      connection: this.redis,
      prefix: this.config.REDIS_PREFIX,
      concurrency: 1,
      lockDuration: this.config.SWITCH_JOB_LOCK_MS,
      stalledInterval: this.config.SWITCH_JOB_LOCK_MS,
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'switch worker'));
    // Not fatal: Redis may come up after us; the next catalogue change or restart re-syncs.
    await this.sync().catch((error: unknown) => this.logger.error({ err: error }, 'switch schedules not synced'));
  }

  async sync(today: CalendarDate = calendarDateInParis(new Date())): Promise<void> {
    for (const release of await this.catalogue.catalogue()) {
      const campaign = await this.repository.findCampaign(release.version);
      if (campaign?.finishedAt) {
        await this.queue.removeJobScheduler(schedulerId(release.version));
      } else if (isSwitchDue(release, today)) {
        if (daysBetween(release.switchOn, today) <= this.config.SWITCH_CATCH_UP_DAYS) {
          await this.queue.add(JobName.RUN_SWITCH, { version: release.version }, {
            jobId: catchUpJobId(release.version),
            attempts: 3,
            backoff: { type: 'exponential', delay: 60_000 },
            removeOnComplete: true,
            removeOnFail: true,
          });
        }
      } else {
        const { month, day } = parseCalendarDate(release.switchOn);
        await this.queue.upsertJobScheduler(
          schedulerId(release.version),
          { pattern: `0 ${SWITCH_HOUR} ${day} ${month} *`, tz: 'Europe/Paris' },
          { name: JobName.RUN_SWITCH, data: { version: release.version }, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
        );
      }
    }
  }

  private async process(job: Job<SwitchData>): Promise<void> {
    const { version } = job.data;
    try {
      await this.campaigns.run(version, 'scheduler');
    } catch (error) {
      if (error instanceof DomainError && error.code === VersionCampaignErrorCode.SWITCH_ALREADY_COMPLETED) return;
      throw error;
    }
    await this.campaigns.settled(version);
    const view = await this.campaigns.view(version);
    if (view.status !== 'completed') throw new Error(`switch to PRONOTE ${version}: ${view.failed} school(s) failed, retried`);
    await this.queue.removeJobScheduler(schedulerId(version));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
