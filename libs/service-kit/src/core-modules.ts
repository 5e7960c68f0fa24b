import type { DynamicModule } from '@nestjs/common';
import type { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from '@pronote/observability';
import { CommandHostModule } from './command-host.js';
import { ConsumerHostModule } from './consumer-host.js';
import { DatabaseModule, type PrismaClientLike } from './database.module.js';
import { MessagingModule } from './messaging.module.js';
import { OutboxModule } from './outbox.module.js';
import { ServiceKitModule } from './service-kit.module.js';

/** The settings every service has (see `commonShape` / `databaseShape` in @pronote/config). */
export interface CoreSettings {
  NATS_URL: string;
  NATS_SUBJECT_PREFIX: string;
  NATS_STREAM: string;
  NATS_ACK_WAIT_MS: number;
  NATS_MAX_DELIVER: number;
  NATS_CONSUMER_CONCURRENCY: number;
}

export interface DatabaseSettings {
  DATABASE_URL: string;
  DATABASE_SCHEMA: string;
  DATABASE_POOL_MAX: number;
}

export interface CoreModulesOptions<C extends PrismaClientLike> {
  service: string;
  logger: Logger;
  config: CoreSettings & Partial<DatabaseSettings>;
  /** Services with a Postgres schema pass their generated client; they also get the outbox relay. */
  prisma?: (adapter: PrismaPg) => C;
}

/** Logging, metrics, probes, NATS and, for services that own data, Prisma and the outbox relay. */
export function coreModules<C extends PrismaClientLike>(options: CoreModulesOptions<C>): Array<DynamicModule | typeof CommandHostModule | typeof ConsumerHostModule> {
  const { service, config } = options;
  const modules: Array<DynamicModule | typeof CommandHostModule | typeof ConsumerHostModule> = [
    CommandHostModule,
    ConsumerHostModule,
    ServiceKitModule.forRoot({ service, logger: options.logger }),
    MessagingModule.forRoot({
      service,
      natsUrl: config.NATS_URL,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      stream: config.NATS_STREAM,
      consumer: {
        ackWaitMs: config.NATS_ACK_WAIT_MS,
        maxDeliver: config.NATS_MAX_DELIVER,
        concurrency: config.NATS_CONSUMER_CONCURRENCY,
      },
    }),
  ];
  if (options.prisma) {
    if (!config.DATABASE_URL || !config.DATABASE_SCHEMA) throw new Error(`${service}: database settings missing`);
    modules.push(
      DatabaseModule.forRoot({
        service,
        url: config.DATABASE_URL,
        schema: config.DATABASE_SCHEMA,
        poolMax: config.DATABASE_POOL_MAX ?? 10,
        createClient: options.prisma,
      }),
      OutboxModule.forRoot(),
    );
  }
  return modules;
}
