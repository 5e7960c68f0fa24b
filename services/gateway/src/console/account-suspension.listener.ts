import { Inject } from '@nestjs/common';
import { isEventOf } from '@pronote/bus';
import { AccountStatusChanged } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { type ConsumerDefinition, type ConsumerProvider, EventConsumer, LOGGER } from '@pronote/service-kit';
import { SessionStore } from './session-store.js';

const CONSUMER = 'gateway-console-sessions';

/** A suspended account loses its live console sessions at once, not when their tokens expire. */
@EventConsumer()
export class AccountSuspensionListener implements ConsumerProvider {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sessions: SessionStore,
  ) {}

  consumer(): ConsumerDefinition {
    return {
      durable: CONSUMER,
      contracts: [AccountStatusChanged],
      handler: async (event) => {
        if (!isEventOf(event, AccountStatusChanged) || event.envelope.payload.status !== 'suspended') return;
        const closed = await this.sessions.closeAllOf(event.envelope.payload.accountId);
        this.logger.info({ accountId: event.envelope.payload.accountId, closed }, 'console sessions of a suspended account closed');
      },
    };
  }
}
