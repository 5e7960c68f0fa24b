import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Bus, OutboxRelay, OutboxRetention } from '@pronote/bus';
import type { Logger } from '@pronote/observability';
import type pg from 'pg';
import { DATABASE_SCHEMA, PG_POOL } from './database.module.js';
import { BUS } from './messaging.module.js';
import { LOGGER } from './tokens.js';

/**
 * Publishes the service's committed outbox rows (call `notify()` after a commit to skip the poll delay)
 * and removes the published ones past their retention.
 */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;
  private readonly retention: OutboxRetention;

  constructor(
    @Inject(BUS) bus: Bus,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(DATABASE_SCHEMA) schema: string,
    @Inject(LOGGER) logger: Logger,
  ) {
    const outboxLogger = logger.child({ component: 'outbox' });
    this.relay = new OutboxRelay({ bus, pool, schema, logger: outboxLogger });
    this.retention = new OutboxRetention({ pool, schema, logger: outboxLogger });
  }

  notify(): void {
    this.relay.notify();
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.retention.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.retention.stop()]);
  }
}

@Global()
@Module({})
export class OutboxModule {
  static forRoot(): DynamicModule {
    return { module: OutboxModule, providers: [OutboxPublisher], exports: [OutboxPublisher] };
  }
}
