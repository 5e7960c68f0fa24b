import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { ListSuspendedIps, LoginFailed, LoginIpSuspended, UnblockSuspendedIps } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, CONSUMER_SETTINGS, type CommandGroup, type ConsumerSettings, LOGGER, STREAM_NAME, command, serveCommands } from '@pronote/service-kit';
import { SuspendedIpsRepository } from './suspended-ips.repository.js';
import { SuspendedIpsService } from './suspended-ips.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const LOGINS_CONSUMER = 'sessions-logins';

/** NATS adapters: the gateway's login events, the console's list and unblock. */
@Injectable()
export class SuspendedIpsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(CONSUMER_SETTINGS) private readonly consumerSettings: ConsumerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: SuspendedIpsRepository,
    private readonly suspendedIps: SuspendedIpsService,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: LOGINS_CONSUMER,
      ...this.consumerSettings,
      // An address's failures and its suspension stay in order.
      orderingKey: (event) => String((event.envelope.payload as { clientIp?: unknown }).clientIp ?? event.envelope.subject),
      contracts: [LoginFailed, LoginIpSuspended],
      logger: this.logger,
      handler: async (event) => {
        const id = event.envelope.id;
        if (isEventOf(event, LoginFailed)) {
          const { clientIp, hostingNumber, at } = event.envelope.payload;
          await this.repository.recordFailure(LOGINS_CONSUMER, id, clientIp, hostingNumber, new Date(at));
        } else if (isEventOf(event, LoginIpSuspended)) {
          const { clientIp, until, level, failures } = event.envelope.payload;
          await this.repository.recordSuspension(LOGINS_CONSUMER, id, { address: clientIp, until: new Date(until), level, failures });
        }
      },
    });
    this.commands = serveCommands(this.bus, { queue: 'sessions', logger: this.logger }, [
      command(ListSuspendedIps, ({ uai }) => this.suspendedIps.list(uai)),
      command(UnblockSuspendedIps, ({ uai }) => this.suspendedIps.unblock(uai)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.consumer?.stop(), this.commands?.stop()]);
  }
}
