import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { AccountCreated, GetTenant, GetTenantOfAccount, type PayloadOf } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import {
  BUS,
  CONSUMER_SETTINGS,
  type CommandGroup,
  type ConsumerSettings,
  LOGGER,
  STREAM_NAME,
  command,
  serveCommands,
} from '@pronote/service-kit';
import type { Tenant } from './tenant.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const TENANTS_CONSUMER = 'bases-tenants';

/** NATS adapters of tenants: the account events it consumes and the queries it answers. */
@Injectable()
export class TenantsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(CONSUMER_SETTINGS) private readonly consumerSettings: ConsumerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: TenantsRepository,
    private readonly tenants: TenantsService,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: TENANTS_CONSUMER,
      ...this.consumerSettings,
      // Events of one school stay in order; different schools are handled in parallel.
      orderingKey: (event) => (isEventOf(event, AccountCreated) ? event.envelope.payload.uai : event.envelope.subject),
      contracts: [AccountCreated],
      logger: this.logger,
      handler: async (event) => {
        if (!isEventOf(event, AccountCreated)) return;
        const tenant = tenantOf(event.envelope.payload);
        const applied = await this.repository.recordFromEvent(TENANTS_CONSUMER, event.envelope.id, tenant);
        const { uai } = tenant;
        this.logger.info({ uai, applied, eventId: event.envelope.id }, applied ? 'tenant recorded' : 'duplicate event ignored');
      },
      // Under load, the events waiting meanwhile are recorded together: one commit for many schools.
      batchHandler: async (events) => {
        const created = events.filter((event) => isEventOf(event, AccountCreated));
        const applied = await this.repository.recordFromEvents(
          TENANTS_CONSUMER,
          created.map(({ envelope }) => ({ messageId: envelope.id, tenant: tenantOf(envelope.payload) })),
        );
        this.logger.info({ events: events.length, applied: applied.size }, 'tenants recorded');
      },
    });
    this.commands = serveCommands(this.bus, { queue: 'bases', logger: this.logger }, [
      command(GetTenant, ({ uai }) => this.tenants.get(uai)),
      command(GetTenantOfAccount, ({ accountId }) => this.tenants.getOfAccount(accountId)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.consumer?.stop(), this.commands?.stop()]);
  }
}

function tenantOf({ accountId, uai, schoolName }: PayloadOf<typeof AccountCreated>): Omit<Tenant, 'recordedAt'> {
  return { uai, accountId, schoolName };
}
