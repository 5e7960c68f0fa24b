/**
 * The real pieces of the account → tenant flow, outside Nest: the accounts repository (account row +
 * outbox row in one Prisma transaction), the outbox relay, and the bases repository (claimMessage +
 * tenant upsert in one transaction) behind a durable JetStream consumer.
 */
import { type Bus, type ConsumerHandle, isEventOf, OutboxRelay, startConsumer } from '@pronote/bus';
import { AccountCreated } from '@pronote/contracts';
import { createPrismaAdapter } from '@pronote/db';
import type { Logger } from '@pronote/observability';
import pg from 'pg';
import { AccountsRepository } from '../../../services/accounts/src/accounts/accounts.repository.js';
import { PrismaClient as AccountsPrisma } from '../../../services/accounts/src/generated/prisma/client.js';
import { PrismaClient as BasesPrisma } from '../../../services/bases/src/generated/prisma/client.js';
import { TenantsRepository } from '../../../services/bases/src/tenants/tenants.repository.js';

export interface PipelineSettings {
  databaseUrl: string;
  accountsSchema: string;
  basesSchema: string;
  stream: string;
  logger: Logger;
}

/** The services' default Prisma pool size (libs/db DEFAULT_POOL_SETTINGS). */
const PRISMA_POOL_MAX = 10;

export class AccountsSide {
  readonly repository: AccountsRepository;
  readonly relay: OutboxRelay;
  private readonly prisma: AccountsPrisma;
  private readonly relayPool: pg.Pool;

  constructor(bus: Bus, settings: PipelineSettings) {
    this.prisma = new AccountsPrisma({ adapter: prismaAdapter(settings, settings.accountsSchema, 'bench-accounts') });
    this.repository = new AccountsRepository(this.prisma);
    // Same shape as service-kit's maintenance pool, which the relay uses in the services.
    this.relayPool = new pg.Pool({
      connectionString: settings.databaseUrl,
      max: 2,
      connectionTimeoutMillis: 5000,
      options: `-c search_path=${settings.accountsSchema}`,
    });
    this.relay = new OutboxRelay({ bus, pool: this.relayPool, schema: settings.accountsSchema, logger: settings.logger });
  }

  async close(): Promise<void> {
    await this.relay.stop();
    await this.prisma.$disconnect();
    await this.relayPool.end();
  }
}

export class BasesSide {
  private readonly prisma: BasesPrisma;
  private consumer: ConsumerHandle | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly settings: PipelineSettings,
  ) {
    this.prisma = new BasesPrisma({ adapter: prismaAdapter(settings, settings.basesSchema, 'bench-bases') });
  }

  /** Consumes `hosting.account.created` and records the tenant once; `onHandled` sees each outcome. */
  start(durable: string, onHandled: (eventId: string, applied: boolean) => void): void {
    const tenants = new TenantsRepository(this.prisma);
    this.consumer = startConsumer(this.bus, {
      stream: this.settings.stream,
      durable,
      contracts: [AccountCreated],
      logger: this.settings.logger,
      handler: async (event) => {
        if (!isEventOf(event, AccountCreated)) return;
        const { accountId, uai, schoolName } = event.envelope.payload;
        const applied = await tenants.recordFromEvent(durable, event.envelope.id, { uai, accountId, schoolName });
        onHandled(event.envelope.id, applied);
      },
    });
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    await this.prisma.$disconnect();
  }
}

function prismaAdapter(settings: PipelineSettings, schema: string, applicationName: string) {
  return createPrismaAdapter({ connectionString: settings.databaseUrl, schema, poolMax: PRISMA_POOL_MAX, applicationName });
}
