import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { AccountStatusChanged } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, LOGGER, STREAM_NAME } from '@pronote/service-kit';
import { SessionStore } from './session-store.js';

const CONSUMER = 'gateway-console-sessions';

/** A suspended account loses its live console sessions at once, not when their tokens expire. */
@Injectable()
export class AccountSuspensionListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sessions: SessionStore,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: CONSUMER,
      contracts: [AccountStatusChanged],
      logger: this.logger,
      handler: async (event) => {
        if (!isEventOf(event, AccountStatusChanged) || event.envelope.payload.status !== 'suspended') return;
        const closed = await this.sessions.closeAllOf(event.envelope.payload.accountId);
        this.logger.info({ accountId: event.envelope.payload.accountId, closed }, 'console sessions of a suspended account closed');
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
