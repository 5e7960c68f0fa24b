import { Inject } from '@nestjs/common';
import { isEventOf } from '@pronote/bus';
import { AccountCreated, GetTenant, GetTenantsOfAccounts, type PayloadOf } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import {
  type CommandBinding,
  CommandHandler,
  type CommandProvider,
  type ConsumerDefinition,
  type ConsumerProvider,
  EventConsumer,
  LOGGER,
  command,
} from '@pronote/service-kit';
import type { Tenant } from './tenant.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const TENANTS_CONSUMER = 'bases-tenants';

/** NATS adapters of tenants: the account events it consumes and the queries it answers. */
@CommandHandler()
@EventConsumer()
export class TenantsHandler implements CommandProvider, ConsumerProvider {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: TenantsRepository,
    private readonly tenants: TenantsService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(GetTenant, ({ uai }) => this.tenants.get(uai)),
      command(GetTenantsOfAccounts, ({ accountIds }) => this.tenants.getOfAccounts(accountIds)),
    ];
  }

  consumer(): ConsumerDefinition {
    return {
      durable: TENANTS_CONSUMER,
      contracts: [AccountCreated],
      // Events of one school stay in order; different schools are handled in parallel.
      orderingKey: (event) => (isEventOf(event, AccountCreated) ? event.envelope.payload.uai : event.envelope.subject),
      handler: async (event) => {
        if (!isEventOf(event, AccountCreated)) return;
        const tenant = tenantOf(event.envelope.payload);
        const applied = await this.repository.recordFromEvent(TENANTS_CONSUMER, event.envelope.id, tenant);
        this.logger.info({ uai: tenant.uai, applied, eventId: event.envelope.id }, applied ? 'tenant recorded' : 'duplicate event ignored');
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
    };
  }
}

function tenantOf({ accountId, uai, schoolName }: PayloadOf<typeof AccountCreated>): Omit<Tenant, 'recordedAt'> {
  return { uai, accountId, schoolName };
}
