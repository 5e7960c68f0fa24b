import { type ReceivedEvent, isEventOf } from '@pronote/bus';
import { DisconnectUser, ListConnectedUsers, RuntimeConnectionClosed, RuntimeConnectionOpened } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, type ConsumerDefinition, type ConsumerProvider, EventConsumer, command } from '@pronote/service-kit';
import { connectionFromEvent } from './connection.js';
import { type ConnectionEvent, ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const CONNECTIONS_CONSUMER = 'sessions-connections';

/** NATS adapters: the runtime's connection events, the console's list and "Déconnecter". */
@CommandHandler()
@EventConsumer()
export class ConnectionsHandler implements CommandProvider, ConsumerProvider {
  constructor(
    private readonly repository: ConnectionsRepository,
    private readonly connections: ConnectionsService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(ListConnectedUsers, ({ uai }) => this.connections.list(uai)),
      command(DisconnectUser, ({ uai, connectionId }) => this.connections.disconnect(uai, connectionId)),
    ];
  }

  consumer(): ConsumerDefinition {
    return {
      durable: CONNECTIONS_CONSUMER,
      // A connection's open and close stay in order; schools are handled in parallel.
      orderingKey: (event) => String((event.envelope.payload as { uai?: unknown }).uai ?? event.envelope.subject),
      contracts: [RuntimeConnectionOpened, RuntimeConnectionClosed],
      handler: async (event) => {
        await this.repository.recordEvents(CONNECTIONS_CONSUMER, connectionEvent(event));
      },
      // Under load (a whole region's teachers at 8 a.m.), the events waiting meanwhile go in one transaction.
      batchHandler: async (events) => {
        await this.repository.recordEvents(CONNECTIONS_CONSUMER, events.flatMap(connectionEvent));
      },
    };
  }
}

function connectionEvent(event: ReceivedEvent): ConnectionEvent[] {
  const messageId = event.envelope.id;
  if (isEventOf(event, RuntimeConnectionOpened)) return [{ kind: 'opened', messageId, connection: connectionFromEvent(event.envelope.payload) }];
  if (isEventOf(event, RuntimeConnectionClosed)) {
    const { uai, connectionId } = event.envelope.payload;
    return [{ kind: 'closed', messageId, uai, connectionId }];
  }
  return [];
}
