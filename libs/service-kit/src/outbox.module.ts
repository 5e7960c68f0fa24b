import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Bus, OutboxRelay } from '@pronote/bus';
import type { Logger } from '@pronote/observability';
import type pg from 'pg';
import { DATABASE_SCHEMA, PG_POOL } from './database.module.js';
import { BUS } from './messaging.module.js';
import { LOGGER } from './tokens.js';

/** Publishes the service's committed outbox rows; call `notify()` after a commit to skip the poll delay. */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(BUS) bus: Bus,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(DATABASE_SCHEMA) schema: string,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.relay = new OutboxRelay({ bus, pool, schema, logger: logger.child({ component: 'outbox' }) });
  }

  notify(): void {
    this.relay.notify();
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Global()
@Module({})
export class OutboxModule {
  static forRoot(): DynamicModule {
    return { module: OutboxModule, providers: [OutboxPublisher], exports: [OutboxPublisher] };
  }
}
