import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { DisconnectUser, ListConnectedUsers, RuntimeConnectionClosed, RuntimeConnectionOpened } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, CONSUMER_SETTINGS, type CommandGroup, type ConsumerSettings, LOGGER, STREAM_NAME, command, serveCommands } from '@pronote/service-kit';
import { connectionFromEvent } from './connection.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const CONNECTIONS_CONSUMER = 'sessions-connections';

/** NATS adapters: the runtime's connection events, the console's list and "Déconnecter". */
@Injectable()
export class ConnectionsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(CONSUMER_SETTINGS) private readonly consumerSettings: ConsumerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: ConnectionsRepository,
    private readonly connections: ConnectionsService,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: CONNECTIONS_CONSUMER,
      ...this.consumerSettings,
      // A connection's open and close stay in order; schools are handled in parallel.
      orderingKey: (event) => String((event.envelope.payload as { uai?: unknown }).uai ?? event.envelope.subject),
      contracts: [RuntimeConnectionOpened, RuntimeConnectionClosed],
      logger: this.logger,
      handler: async (event) => {
        if (isEventOf(event, RuntimeConnectionOpened)) {
          await this.repository.recordOpened(CONNECTIONS_CONSUMER, event.envelope.id, connectionFromEvent(event.envelope.payload));
        } else if (isEventOf(event, RuntimeConnectionClosed)) {
          const { uai, connectionId } = event.envelope.payload;
          await this.repository.recordClosed(CONNECTIONS_CONSUMER, event.envelope.id, uai, connectionId);
        }
      },
    });
    this.commands = serveCommands(this.bus, { queue: 'sessions', logger: this.logger }, [
      command(ListConnectedUsers, ({ uai }) => this.connections.list(uai)),
      command(DisconnectUser, ({ uai, connectionId }) => this.connections.disconnect(uai, connectionId)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.consumer?.stop(), this.commands?.stop()]);
  }
}
