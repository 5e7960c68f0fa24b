/**
 * The consumer side, as in the bases service: a durable JetStream consumer in batch mode whose
 * handlers record the tenant through the bases `TenantsRepository` (claim + tenant write, one event
 * or a batch per statement). Runs in its own process (see bases-consumer.process.ts).
 */
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { AccountCreated, type PayloadOf } from '@pronote/contracts';
import { createPrismaAdapter } from '@pronote/db';
import type { Logger } from '@pronote/observability';
import { PrismaClient as BasesPrisma } from '../../../services/bases/src/generated/prisma/client.js';
import { TenantsRepository } from '../../../services/bases/src/tenants/tenants.repository.js';
import { PRISMA_POOL_MAX, type PipelineSettings } from './pipeline-settings.js';

export class BasesSide {
  private readonly prisma: BasesPrisma;
  private consumer: ConsumerHandle | undefined;
  private readonly tenants: TenantsRepository;

  constructor(
    private readonly bus: Bus,
    private readonly settings: PipelineSettings,
    private readonly logger: Logger,
  ) {
    this.prisma = new BasesPrisma({
      adapter: createPrismaAdapter({ connectionString: settings.databaseUrl, schema: settings.basesSchema, poolMax: PRISMA_POOL_MAX, applicationName: 'bench-bases' }),
    });
    this.tenants = new TenantsRepository(this.prisma);
  }

  /** Consumes `hosting.account.created` and records the tenant once; `onHandled` sees each outcome. */
  start(durable: string, concurrency: number, onHandled: (eventId: string, applied: boolean) => void): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.settings.stream,
      durable,
      contracts: [AccountCreated],
      logger: this.logger,
      concurrency,
      // As the bases service does (tenants.handler.ts): events of one school in order, one event
      // alone or the batch waiting meanwhile.
      orderingKey: (event) => (isEventOf(event, AccountCreated) ? event.envelope.payload.uai : event.envelope.subject),
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
