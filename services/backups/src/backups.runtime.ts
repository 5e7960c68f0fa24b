import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, startConsumer } from '@pronote/bus';
import {
  ArchiveDownloadLink,
  GetRestorePoint,
  ListBackupAlerts,
  ListBackupFailures,
  ListDrills,
  ListRestorePoints,
  PreviewRestore,
  RestoreFromPoint,
  TakeManualBackup,
} from '@pronote/contracts';
import { HealthRegistry, type Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, OutboxPublisher, PRISMA, STREAM_NAME, command, serveCommands } from '@pronote/service-kit';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { createBackupsCore, type BackupsCore } from './backups-core.js';
import { BACKUPS_CONFIG } from './backups.tokens.js';
import type { BackupsConfig } from './config/backups.config.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { MaintenanceWorker, registerMaintenanceSchedulers } from './jobs/maintenance.js';
import { QueueName } from './jobs/queue-names.js';
import { createRedisConnection } from './jobs/redis-connection.js';
import { createRunsPool } from './records/runs-pool.js';
import { RunWorkers } from './runs/runs.processor.js';
import { applyBaseEvent, BASE_EVENT_CONTRACTS, BASE_EVENTS_CONSUMER } from './schedules/base-events.js';
import { ScheduleRegistrar } from './schedules/schedule-registrar.js';
import { BucketKeeper } from './storage/bucket-keeper.js';
import { createObjectStore } from './storage/object-store.factory.js';

/** Starts and stops the service's adapters: base events consumer, console commands, BullMQ workers. */
@Injectable()
export class BackupsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private redis: Redis | undefined;
  private runsPool: pg.Pool | undefined;
  private schedules: Queue | undefined;
  private maintenanceQueue: Queue | undefined;
  private maintenance: MaintenanceWorker | undefined;
  private bucket: BucketKeeper | undefined;
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
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const config = this.config;
    const store = createObjectStore(config, 120_000);
    // Never awaited here: S3 being down must not stop the service from starting (readiness says so).
    this.bucket = new BucketKeeper(createObjectStore(config, 1_500), this.logger);
    this.health.register({ name: 's3', check: () => this.bucket!.reachable() });
    this.bucket.start();
    this.runsPool = createRunsPool({
      connectionString: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      max: config.BACKUP_RUN_CONCURRENCY,
      onError: (error) => this.logger.warn({ err: error }, 'postgres runs connection lost'),
    });
    const core: BackupsCore = createBackupsCore({
      prisma: this.prisma,
      runsPool: this.runsPool,
      store,
      bus: this.bus,
      notify: () => this.outbox.notify(),
      drillSandboxUai: config.DRILL_SANDBOX_UAI,
    });
    this.redis = createRedisConnection(config.REDIS_URL);
    this.schedules = new Queue(QueueName.SCHEDULES, { connection: this.redis, prefix: config.REDIS_PREFIX });
    const registrar = new ScheduleRegistrar(this.schedules, core.bases);
    const recreated = await registrar.recreateAll();
    this.logger.info({ recreated }, 'backup schedules recreated from Postgres');
    this.workers = new RunWorkers(core.runner, this.logger, {
      connection: this.redis,
      prefix: config.REDIS_PREFIX,
      concurrency: config.BACKUP_RUN_CONCURRENCY,
      lockDurationMs: config.BACKUP_RUN_LOCK_MS,
      stalledIntervalMs: config.BACKUP_RUN_STALLED_CHECK_MS,
      retry: { attempts: config.BACKUP_RUN_ATTEMPTS, backoffMs: config.BACKUP_RUN_BACKOFF_MS },
    });
    this.maintenanceQueue = new Queue(QueueName.MAINTENANCE, { connection: this.redis, prefix: config.REDIS_PREFIX });
    await registerMaintenanceSchedulers(this.maintenanceQueue, {
      verify: config.VERIFY_PATTERN,
      drill: config.DRILL_PATTERN,
      alerts: config.ALERTS_PATTERN,
      sweep: config.SWEEP_PATTERN,
      tz: config.MAINTENANCE_TZ,
    });
    this.maintenance = new MaintenanceWorker(core, this.logger, { connection: this.redis, prefix: config.REDIS_PREFIX });
    // Started here, by hand, after the schedules were recreated from Postgres (not by the kit's
    // ConsumerHost, which starts consumers as soon as the stream exists): a base event applied during
    // `recreateAll` could be undone by it (a scheduler re-added for a base just taken out of service).
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
      command(ListBackupAlerts, ({ uai }) => core.operator.activeAlerts(uai)),
      command(ListBackupFailures, (filter) => core.operator.failures(filter)),
      command(ListDrills, (filter) => core.operator.drills(filter)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.consumer?.stop(), this.commands?.stop()]);
    await this.bucket?.stop();
    await Promise.all([this.workers?.close(), this.maintenance?.close()]);
    await Promise.all([this.schedules?.close(), this.maintenanceQueue?.close(), this.runsPool?.end()]);
    this.redis?.disconnect();
  }
}
