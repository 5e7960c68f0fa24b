import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, startConsumer } from '@pronote/bus';
import {
  ArchiveDownloadLink,
  GetRestorePoint,
  ListBackupAlerts,
  ListRestorePoints,
  PreviewRestore,
  RestoreFromPoint,
  TakeManualBackup,
} from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, OutboxPublisher, PRISMA, STREAM_NAME, command, serveCommands } from '@pronote/service-kit';
import { createS3Client, ObjectStore } from '@pronote/storage';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createBackupsCore, type BackupsCore } from './backups-core.js';
import { BACKUPS_CONFIG } from './backups.tokens.js';
import type { BackupsConfig } from './config/backups.config.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { QueueName } from './jobs/queue-names.js';
import { createRedisConnection } from './jobs/redis-connection.js';
import { RunWorkers } from './runs/runs.processor.js';
import { applyBaseEvent, BASE_EVENT_CONTRACTS, BASE_EVENTS_CONSUMER } from './schedules/base-events.js';
import { ScheduleRegistrar } from './schedules/schedule-registrar.js';

/** Starts and stops the service's adapters: base events consumer, console commands, BullMQ workers. */
@Injectable()
export class BackupsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private redis: Redis | undefined;
  private schedules: Queue | undefined;
  private workers: RunWorkers | undefined;
  private consumer: ConsumerHandle | undefined;
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(BACKUPS_CONFIG) private readonly config: BackupsConfig,
    private readonly outbox: OutboxPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const config = this.config;
    const url = new URL(config.S3_ENDPOINT);
    const store = new ObjectStore({
      client: createS3Client({ endPoint: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), useSSL: url.protocol === 'https:', accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION }),
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
    });
    await store.ensureBucket();
    const core: BackupsCore = createBackupsCore({ prisma: this.prisma, store, bus: this.bus, notify: () => this.outbox.notify(), drillSandboxUai: config.DRILL_SANDBOX_UAI });
    this.redis = createRedisConnection(config.REDIS_URL);
    this.schedules = new Queue(QueueName.SCHEDULES, { connection: this.redis, prefix: config.REDIS_PREFIX });
    const registrar = new ScheduleRegistrar(this.schedules, core.bases);
    const recreated = await registrar.recreateAll();
    this.logger.info({ recreated }, 'backup schedules recreated from Postgres');
    this.workers = new RunWorkers(core.runner, this.logger, { connection: this.redis, prefix: config.REDIS_PREFIX, concurrency: config.BACKUP_RUN_CONCURRENCY });
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: BASE_EVENTS_CONSUMER,
      contracts: BASE_EVENT_CONTRACTS,
      logger: this.logger,
      handler: (event) => applyBaseEvent(event, core.bases, registrar),
    });
    this.commands = serveCommands(this.bus, { queue: 'backups', logger: this.logger }, [
      command(ListRestorePoints, ({ uai }) => core.console.list(uai)),
      command(GetRestorePoint, ({ uai, restorePointId }) => core.console.detail(uai, restorePointId)),
      command(PreviewRestore, ({ uai, restorePointId }) => core.console.preview(uai, restorePointId)),
      command(RestoreFromPoint, (request) => core.restore.restore(request)),
      command(TakeManualBackup, ({ uai }) => core.console.manualBackup(uai)),
      command(ArchiveDownloadLink, ({ uai, restorePointId }) => core.console.downloadLink(uai, restorePointId)),
      command(ListBackupAlerts, async ({ uai }) => ({
        alerts: (await core.alertRecords.active(uai ? { uai } : {})).map((alert) => ({ ...alert, since: alert.since.toISOString() })),
      })),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.consumer?.stop(), this.commands?.stop()]);
    await this.workers?.close();
    await this.schedules?.close();
    this.redis?.disconnect();
  }
}
