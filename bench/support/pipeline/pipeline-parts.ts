/**
 * The account → tenant flow, outside Nest, on the services' own Prisma clients and tables: the
 * accounts transaction (account row + outbox row), the outbox relay, and the bases tenants
 * repository (claim + tenant write, one event or a batch per transaction) behind a durable JetStream
 * consumer. The accounts writes are kept here so that the benchmark does not depend on the other
 * rules of an account opening (credentials, history), which change more often than the pipeline.
 */
import { type Bus, type ConsumerHandle, isEventOf, OutboxRelay, type OutboxRecord, startConsumer } from '@pronote/bus';
import { AccountCreated, type PayloadOf } from '@pronote/contracts';
import { createPrismaAdapter } from '@pronote/db';
import type { Logger } from '@pronote/observability';
import pg from 'pg';
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

export interface AccountRow {
  id: string;
  uai: string;
  schoolName: string;
  hostingNumber: string;
  contactEmail: string;
  contactPhone: string;
  licences: number;
}

export class AccountsSide {
  readonly relay: OutboxRelay;
  private readonly prisma: AccountsPrisma;
  private readonly relayPool: pg.Pool;

  constructor(bus: Bus, settings: PipelineSettings) {
    this.prisma = new AccountsPrisma({ adapter: prismaAdapter(settings, settings.accountsSchema, 'bench-accounts') });
    // Same shape as service-kit's maintenance pool, which the relay uses in the services.
    this.relayPool = new pg.Pool({
      connectionString: settings.databaseUrl,
      max: 2,
      connectionTimeoutMillis: 5000,
      options: `-c search_path=${settings.accountsSchema}`,
    });
    this.relay = new OutboxRelay({ bus, pool: this.relayPool, schema: settings.accountsSchema, logger: settings.logger });
  }

  /** The state change and its event, both or neither. */
  async createAccount(account: AccountRow, event: OutboxRecord): Promise<void> {
    // A batch transaction: no read decides a write here, so no interactive transaction is needed.
    await this.prisma.$transaction([this.prisma.account.create({ data: account }), this.prisma.outboxEvent.create({ data: event })]);
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
  private readonly tenants: TenantsRepository;

  constructor(
    private readonly bus: Bus,
    private readonly settings: PipelineSettings,
  ) {
    this.prisma = new BasesPrisma({ adapter: prismaAdapter(settings, settings.basesSchema, 'bench-bases') });
    this.tenants = new TenantsRepository(this.prisma);
  }

  /** Consumes `hosting.account.created` and records the tenant once; `onHandled` sees each outcome. */
  start(durable: string, concurrency: number, onHandled: (eventId: string, applied: boolean) => void): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.settings.stream,
      durable,
      contracts: [AccountCreated],
      logger: this.settings.logger,
      concurrency,
      // As the bases service does (tenants.handler.ts): one event alone, or the batch waiting meanwhile.
      handler: async (event) => {
        if (!isEventOf(event, AccountCreated)) return;
        onHandled(event.envelope.id, await this.tenants.recordFromEvent(durable, event.envelope.id, tenantOf(event.envelope.payload)));
      },
      batchHandler: async (events) => {
        const created = events.filter((event) => isEventOf(event, AccountCreated));
        const applied = await this.tenants.recordFromEvents(
          durable,
          created.map(({ envelope }) => ({ messageId: envelope.id, tenant: tenantOf(envelope.payload) })),
        );
        for (const { envelope } of created) onHandled(envelope.id, applied.has(envelope.id));
      },
    });
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    await this.prisma.$disconnect();
  }
}

function tenantOf({ accountId, uai, schoolName }: PayloadOf<typeof AccountCreated>) {
  return { uai, accountId, schoolName };
}

function prismaAdapter(settings: PipelineSettings, schema: string, applicationName: string) {
  return createPrismaAdapter({ connectionString: settings.databaseUrl, schema, poolMax: PRISMA_POOL_MAX, applicationName });
}
