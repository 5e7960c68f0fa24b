import type { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import type { Envelope, EventContract, PayloadOf } from '@pronote/contracts';
import { CORRELATION_HEADER, runWithContext, type Logger } from '@pronote/observability';
import type { Bus } from './connection.js';
import { decodeEvent, type DecodedEvent } from './decode-event.js';
import { ConsumerMetrics } from './consumer-metrics.js';
import { ensureDurableConsumer } from './durable-consumer-config.js';
import { BatchLanes } from './batch-lanes.js';
import { HandlerLanes } from './handler-lanes.js';
import { readIdHeader } from './headers.js';
import { exponentialRetryDelay, isLastDelivery } from './retry-policy.js';
import { subjectMatches } from './subject-match.js';
import { WakeableSleep } from './wakeable-sleep.js';

export interface ReceivedEvent<P = unknown> {
  /** Validated envelope; `envelope.id` is the message id to claim with `claimMessage`. */
  envelope: Envelope<P>;
  contract: EventContract;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export type EventHandler = (event: ReceivedEvent) => Promise<void>;

/**
 * Applies several events at once, typically in one transaction (claim them with `claimMessages`,
 * then write), in the order given. It must have the same effect as `handler` on each event in turn:
 * if it throws, the consumer handles the batch's events again one by one with `handler`.
 */
export type BatchEventHandler = (events: ReceivedEvent[]) => Promise<void>;

export interface ConsumerOptions {
  stream: string;
  /** Durable name, stable across deployments: renaming it replays the stream. */
  durable: string;
  contracts: readonly EventContract[];
  /** Unprefixed subjects; defaults to the contracts' subjects. */
  filterSubjects?: string[];
  handler: EventHandler;
  logger: Logger;
  ackWaitMs?: number;
  maxDeliver?: number;
  /** Delay before the redelivery of a failed message, from its delivery count. */
  retryDelayMs?: (deliveryCount: number) => number;
  /** Messages pulled per request (and so at most redelivered at once after a crash); default max(10, 2 × concurrency). */
  batchSize?: number;
  /**
   * Messages handled at the same time (default 1: one at a time, in stream order). Above 1, each
   * handler still runs in its own transaction, but events overlap and may finish out of order,
   * except those sharing an `orderingKey`. Raising it is what lets a consumer keep up with
   * producers when every handler waits on a database commit.
   */
  concurrency?: number;
  /** Events with the same key are handled one after the other, in stream order (e.g. the aggregate id). */
  orderingKey?: (event: ReceivedEvent) => string;
  /**
   * Batch mode (see `BatchEventHandler`): with it, up to `concurrency` batches run at once, and the
   * messages arriving meanwhile form the next batch (group commit: one commit for many events).
   * An event alone goes to `handler`.
   */
  batchHandler?: BatchEventHandler;
  /** Most events in one batch (batch mode); default 100. */
  maxBatch?: number;
  /** Pull request expiry; the server's idle heartbeats come every half of it. */
  pullExpiresMs?: number;
}

export interface ConsumerHandle {
  /** Stops pulling, finishes the message being handled, hands the buffered ones back, then resolves. */
  stop(): Promise<void>;
}

/** Narrows a received event to one contract's payload type. */
export function isEventOf<C extends EventContract>(event: ReceivedEvent, contract: C): event is ReceivedEvent<PayloadOf<C>> {
  return event.contract.subject === contract.subject;
}

/** Starts consuming in the background (waiting for NATS if needed) and returns at once. */
export function startConsumer(bus: Bus, options: ConsumerOptions): ConsumerHandle {
  return new DurableConsumer(bus, options);
}

class DurableConsumer implements ConsumerHandle {
  private readonly contracts: ReadonlyMap<string, EventContract>;
  private readonly filterSubjects: string[];
  private readonly ackWaitMs: number;
  private readonly maxDeliver: number;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly maxBatch: number;
  private readonly backoff = new WakeableSleep();
  private readonly metrics: ConsumerMetrics;
  private stopping = false;
  private signalStop: () => void = () => undefined;
  private readonly stopRequested = new Promise<undefined>((resolve) => {
    this.signalStop = () => resolve(undefined);
  });
  private messages: ConsumerMessages | undefined;
  private readonly running: Promise<void>;

  constructor(
    private readonly bus: Bus,
    private readonly options: ConsumerOptions,
  ) {
    this.contracts = new Map(options.contracts.map((contract) => [contract.subject, contract]));
    this.filterSubjects = (options.filterSubjects ?? options.contracts.map((contract) => contract.subject)).map(
      (subject) => bus.subject(subject),
    );
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.maxDeliver = options.maxDeliver ?? 10;
    this.concurrency = options.concurrency ?? 1;
    this.maxBatch = options.batchHandler ? (options.maxBatch ?? 100) : 1;
    this.logger = options.logger.child({ stream: options.stream, durable: options.durable });
    this.metrics = new ConsumerMetrics(options.durable);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    this.backoff.wake();
    await this.messages?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    const nc = await Promise.race([this.bus.ready(), this.stopRequested]).catch(() => undefined);
    let failures = 0;
    while (nc && !this.stopping && !nc.isClosed()) {
      try {
        await this.consume(nc);
        failures = 0;
      } catch (error) {
        failures++;
        this.logger.warn({ err: error }, 'consumer interrupted, restarting');
      }
      if (!this.stopping) await this.backoff.sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
    }
  }

  /** Returns when the pull iterator ends (stop, or a failure the client could not recover from). */
  private async consume(nc: NatsConnection): Promise<void> {
    const { serverFilters } = await ensureDurableConsumer(nc, {
      stream: this.options.stream,
      durable: this.options.durable,
      filterSubjects: this.filterSubjects,
      ackWaitMs: this.ackWaitMs,
      maxDeliver: this.maxDeliver,
    });
    const consumer = await nc.jetstream().consumers.get(this.options.stream, this.options.durable);
    if (this.stopping) return;
    const messages = await consumer.consume({
      max_messages: this.options.batchSize ?? Math.max(10, 2 * this.concurrency, 2 * this.maxBatch),
      expires: this.options.pullExpiresMs ?? 30_000,
    });
    this.messages = messages;
    if (this.stopping) void messages.close(); // stop() ran while we were subscribing
    void this.logStatus(messages);
    const onCrash = (error: unknown) => this.logger.error({ err: error }, 'event handling crashed');
    const lanes = new HandlerLanes(this.concurrency, onCrash);
    const batches = this.options.batchHandler
      ? new BatchLanes<Delivery>(this.concurrency, this.maxBatch, (items) => this.handleBatch(items), onCrash)
      : undefined;
    try {
      for await (const msg of messages) {
        if (this.stopping) {
          // Buffered but not started: give it back now rather than after ack wait.
          ignoreClosedConnection(() => msg.nak());
          continue;
        }
        if (!serverFilters && !this.filterSubjects.some((filter) => subjectMatches(filter, msg.subject))) {
          ignoreClosedConnection(() => msg.ack());
          continue;
        }
        const subject = this.bus.unprefix(msg.subject) ?? msg.subject;
        const decoded = decodeEvent(msg.data, subject, this.contracts);
        const key = this.orderingKeyOf(msg, decoded);
        if (batches && decoded.ok) await batches.add(key, { msg, subject, decoded });
        else await lanes.add(key, () => this.handle(msg, subject, decoded));
      }
    } finally {
      for (const { msg } of batches?.takePending() ?? []) ignoreClosedConnection(() => msg.nak());
      await Promise.all([lanes.drain(), batches?.drain()]);
    }
  }

  /** One transaction for the batch; on failure each event gets its own chance (and retry policy). */
  private async handleBatch(deliveries: Delivery[]): Promise<void> {
    this.metrics.batch(deliveries.length);
    if (deliveries.length === 1) return this.handle(deliveries[0]!.msg, deliveries[0]!.subject, deliveries[0]!.decoded);
    const keepAlive = setInterval(
      () => deliveries.forEach(({ msg }) => ignoreClosedConnection(() => msg.working())),
      Math.max(500, this.ackWaitMs / 2),
    );
    try {
      const events = deliveries.map(({ msg, decoded }) => receivedEvent(msg, decoded));
      try {
        await this.options.batchHandler!(events);
      } catch (error) {
        this.logger.warn({ err: error, events: deliveries.length }, 'batch handler failed: handling its events one by one');
        for (const { msg, subject, decoded } of deliveries) await this.handle(msg, subject, decoded);
        return;
      }
      for (const { msg } of deliveries) ignoreClosedConnection(() => msg.ack());
      this.metrics.outcome('handled', deliveries.length);
    } finally {
      clearInterval(keepAlive);
    }
  }

  private orderingKeyOf(msg: JsMsg, decoded: DecodedEvent): string | undefined {
    const { orderingKey } = this.options;
    if (!orderingKey || !decoded.ok) return undefined;
    return orderingKey(receivedEvent(msg, decoded));
  }

  private async handle(msg: JsMsg, subject: string, decoded: DecodedEvent): Promise<void> {
    const deliveryCount = msg.info.redeliveryCount;
    if (!decoded.ok) {
      this.logger.error(
        {
          subject,
          correlationId: decoded.correlationId ?? readIdHeader(msg.headers, CORRELATION_HEADER),
          envelopeId: decoded.envelopeId,
          streamSeq: msg.seq,
          reason: decoded.reason,
        },
        'poison message terminated',
      );
      ignoreClosedConnection(() => msg.term());
      this.metrics.outcome('poison');
      return;
    }
    const { envelope, contract } = decoded;
    // Long handlers keep the message ours instead of letting ack wait hand it to another instance.
    const keepAlive = setInterval(() => ignoreClosedConnection(() => msg.working()), Math.max(500, this.ackWaitMs / 2));
    try {
      await runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
        this.options.handler({ envelope, contract, deliveryCount }),
      );
    } catch (error) {
      ignoreClosedConnection(() => this.onHandlerFailure(msg, envelope, deliveryCount, error));
      return;
    } finally {
      clearInterval(keepAlive);
    }
    ignoreClosedConnection(() => msg.ack());
    this.metrics.outcome('handled');
  }

  private onHandlerFailure(msg: JsMsg, envelope: Envelope, deliveryCount: number, error: unknown): void {
    const context = {
      err: error,
      subject: envelope.subject,
      envelopeId: envelope.id,
      correlationId: envelope.correlationId,
      deliveryCount,
    };
    if (isLastDelivery(deliveryCount, this.maxDeliver)) {
      this.logger.error({ ...context, alert: true }, 'event handler failed on its last delivery: message terminated');
      msg.term();
      this.metrics.outcome('terminated');
      return;
    }
    const delayMs = (this.options.retryDelayMs ?? exponentialRetryDelay)(deliveryCount);
    this.logger.warn({ ...context, retryInMs: delayMs }, 'event handler failed, will retry');
    msg.nak(delayMs);
    this.metrics.outcome('retried');
  }

  private async logStatus(messages: ConsumerMessages): Promise<void> {
    for await (const status of await messages.status()) {
      if (status.type === 'heartbeats_missed' || status.type === 'consumer_not_found' || status.type === 'stream_not_found') {
        this.logger.warn({ status: status.type, data: status.data }, 'consumer status');
      }
    }
  }
}

interface Delivery {
  msg: JsMsg;
  subject: string;
  decoded: DecodedEvent;
}

function receivedEvent(msg: JsMsg, decoded: DecodedEvent): ReceivedEvent {
  if (!decoded.ok) throw new Error('only valid events are handed to handlers');
  return { envelope: decoded.envelope, contract: decoded.contract, deliveryCount: msg.info.redeliveryCount };
}

/** Acks on a closed connection throw; the message will simply be redelivered after ack wait. */
function ignoreClosedConnection(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to do: the server redelivers what we could not settle
  }
}
