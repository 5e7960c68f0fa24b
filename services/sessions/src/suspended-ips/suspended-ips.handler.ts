import { isEventOf } from '@pronote/bus';
import { ListSuspendedIps, LoginFailed, LoginIpSuspended, UnblockSuspendedIps } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, type ConsumerDefinition, type ConsumerProvider, EventConsumer, command } from '@pronote/service-kit';
import { SuspendedIpsRepository } from './suspended-ips.repository.js';
import { SuspendedIpsService } from './suspended-ips.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const LOGINS_CONSUMER = 'sessions-logins';

/** NATS adapters: the gateway's login events, the console's list and unblock. */
@CommandHandler()
@EventConsumer()
export class SuspendedIpsHandler implements CommandProvider, ConsumerProvider {
  constructor(
    private readonly repository: SuspendedIpsRepository,
    private readonly suspendedIps: SuspendedIpsService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(ListSuspendedIps, ({ uai }) => this.suspendedIps.list(uai)),
      command(UnblockSuspendedIps, ({ uai }) => this.suspendedIps.unblock(uai)),
    ];
  }

  consumer(): ConsumerDefinition {
    return {
      durable: LOGINS_CONSUMER,
      // An address's failures and its suspension stay in order.
      orderingKey: (event) => String((event.envelope.payload as { clientIp?: unknown }).clientIp ?? event.envelope.subject),
      contracts: [LoginFailed, LoginIpSuspended],
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
    };
  }
}
