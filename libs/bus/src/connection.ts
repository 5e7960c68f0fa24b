import { connect, type NatsConnection } from 'nats';
import type { Logger } from '@pronote/observability';
import { BusNotReadyError } from './bus-errors.js';
import { buildCancellationsWithoutStack } from './nats-request-cancellation.js';
import { prefixSubject, unprefixSubject } from './subjects.js';

export interface BusOptions {
  servers: string | string[];
  /** Connection name shown by the NATS server (service name + instance). */
  name: string;
  /** Isolates subjects (and so tests): every subject becomes `<prefix>.<subject>`. */
  subjectPrefix?: string;
  /** Milliseconds between reconnection attempts. */
  reconnectTimeWaitMs?: number;
  logger?: Logger;
}

/** A NATS connection that may not exist yet: services start while NATS is down and become ready later. */
export interface Bus {
  readonly name: string;
  readonly subjectPrefix: string | undefined;
  /** `<prefix>.<subject>` when a prefix is configured, the subject otherwise. */
  subject(subject: string): string;
  /** The inverse of `subject()`; undefined when the subject does not carry our prefix. */
  unprefix(subject: string): string | undefined;
  /** Resolves once connected for the first time; rejects if the bus is closed first. */
  ready(): Promise<NatsConnection>;
  /** Readiness probe: connected right now (not reconnecting, not closed). */
  isConnected(): boolean;
  /** The live connection; throws `BusNotReadyError` before the first connection. */
  connection(): NatsConnection;
  /** Drains subscriptions and pending publishes, then closes. */
  close(): Promise<void>;
}

export function connectBus(options: BusOptions): Bus {
  buildCancellationsWithoutStack();
  const { logger } = options;
  let nc: NatsConnection | undefined;
  let connected = false;
  let closed = false;

  const firstConnection = connect({
    servers: options.servers,
    name: options.name,
    // Both together keep the process alive and retrying while NATS is down, at start and later.
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectTimeWaitMs ?? 1000,
    // nats.js otherwise builds an Error (a stack capture) for every request, only to enrich a rare
    // timeout's stack: a tenth of the gateway's CPU on the read path. Our errors carry the subject.
    noAsyncTraces: true,
  }).then(async (connection) => {
    // nats.js cannot cancel a first connection still being attempted: it is closed as soon as it succeeds.
    if (closed) {
      await connection.close();
      throw new BusNotReadyError('bus closed before it connected');
    }
    nc = connection;
    connected = true;
    logger?.info({ server: connection.getServer() }, 'nats connected');
    void watchStatus(connection);
    return connection;
  });
  // Callers that never await ready() must not see an unhandled rejection.
  firstConnection.catch(() => undefined);

  async function watchStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        connected = false;
        logger?.warn({ server: status.data }, 'nats disconnected');
      } else if (status.type === 'reconnect') {
        connected = true;
        logger?.info({ server: status.data }, 'nats reconnected');
      }
    }
    connected = false;
  }

  return {
    name: options.name,
    subjectPrefix: options.subjectPrefix,
    subject: (subject) => prefixSubject(options.subjectPrefix, subject),
    unprefix: (subject) => unprefixSubject(options.subjectPrefix, subject),
    ready: () => firstConnection,
    isConnected: () => connected && nc !== undefined && !nc.isClosed(),
    connection() {
      if (!nc || closed) throw new BusNotReadyError(closed ? 'bus closed' : 'NATS not connected yet');
      return nc;
    },
    async close() {
      if (closed) return;
      closed = true;
      connected = false;
      if (nc && !nc.isClosed()) {
        // drain() fails on a connection that is reconnecting; close() still releases it.
        await nc.drain().catch(() => nc?.close());
      }
    },
  };
}
