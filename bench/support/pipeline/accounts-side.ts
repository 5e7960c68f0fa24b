/**
 * The producer side, as in the accounts service: account openings go through `AccountsRepository`
 * (concurrent openings share one statement and one commit), then the outbox relay is woken, as
 * `AccountsService.create` does. The relay runs here, like in the accounts service.
 */
import { type Bus, OutboxRelay } from '@pronote/bus';
import { createPrismaAdapter } from '@pronote/db';
import type { Logger } from '@pronote/observability';
import pg from 'pg';
import { type AccountOpening, AccountsRepository } from '../../../services/accounts/src/accounts/accounts.repository.js';
import { PrismaClient as AccountsPrisma } from '../../../services/accounts/src/generated/prisma/client.js';
import { PRISMA_POOL_MAX, type PipelineSettings } from './pipeline-settings.js';

export class AccountsSide {
  readonly relay: OutboxRelay;
  private readonly prisma: AccountsPrisma;
  private readonly accounts: AccountsRepository;
  private readonly relayPool: pg.Pool;

  constructor(bus: Bus, settings: PipelineSettings, logger: Logger) {
    this.prisma = new AccountsPrisma({
      adapter: createPrismaAdapter({ connectionString: settings.databaseUrl, schema: settings.accountsSchema, poolMax: PRISMA_POOL_MAX, applicationName: 'bench-accounts' }),
    });
    this.accounts = new AccountsRepository(this.prisma);
    // Same shape as service-kit's maintenance pool, which the relay uses in the services.
    this.relayPool = new pg.Pool({
      connectionString: settings.databaseUrl,
      max: 2,
      connectionTimeoutMillis: 5000,
      application_name: 'bench-accounts-relay',
      options: `-c search_path=${settings.accountsSchema}`,
    });
    this.relay = new OutboxRelay({ bus, pool: this.relayPool, schema: settings.accountsSchema, logger });
  }

  /** The account and its event, both or neither; the relay is woken once they are committed. */
  async open(opening: AccountOpening): Promise<void> {
    await this.accounts.create(opening);
    this.relay.notify();
  }

  async close(): Promise<void> {
    await this.relay.stop();
    await this.prisma.$disconnect();
    await this.relayPool.end();
  }
}
