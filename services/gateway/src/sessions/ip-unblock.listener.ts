import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { SuspendedIpsUnblocked } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, LOGGER, STREAM_NAME } from '@pronote/service-kit';
import { LoginThrottle } from '../console/login-throttle.js';

const CONSUMER = 'gateway-ip-unblock';

/**
 * "Débloquer les IP suspendues" (Fiche 11 §2): the sessions service decides, the gateway's login
 * throttle (Redis) lifts. Deleting a key twice is harmless, so redeliveries need no claim.
 */
@Injectable()
export class IpUnblockListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly throttle: LoginThrottle,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: CONSUMER,
      contracts: [SuspendedIpsUnblocked],
      logger: this.logger,
      handler: async (event) => {
        if (!isEventOf(event, SuspendedIpsUnblocked)) return;
        const { uai, addresses } = event.envelope.payload;
        for (const address of addresses) await this.throttle.liftIp(address);
        this.logger.info({ uai, addresses }, 'suspended addresses lifted');
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
