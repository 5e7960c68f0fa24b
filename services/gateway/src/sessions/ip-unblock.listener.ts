import { Inject } from '@nestjs/common';
import { isEventOf } from '@pronote/bus';
import { SuspendedIpsUnblocked } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { type ConsumerDefinition, type ConsumerProvider, EventConsumer, LOGGER } from '@pronote/service-kit';
import { LoginThrottle } from '../console/login-throttle.js';

const CONSUMER = 'gateway-ip-unblock';

/**
 * "Débloquer les IP suspendues" (Fiche 11 §2): the sessions service decides, the gateway's login
 * throttle (Redis) lifts. Deleting a key twice is harmless, so redeliveries need no claim.
 */
@EventConsumer()
export class IpUnblockListener implements ConsumerProvider {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly throttle: LoginThrottle,
  ) {}

  consumer(): ConsumerDefinition {
    return {
      durable: CONSUMER,
      contracts: [SuspendedIpsUnblocked],
      handler: async (event) => {
        if (!isEventOf(event, SuspendedIpsUnblocked)) return;
        const { uai, addresses } = event.envelope.payload;
        for (const address of addresses) await this.throttle.liftIp(address);
        this.logger.info({ uai, addresses }, 'suspended addresses lifted');
      },
    };
  }
}
