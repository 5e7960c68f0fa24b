import { counter, histogram, processMetrics } from '@pronote/observability';
import type { Counter, Histogram } from 'prom-client';

export type HandledOutcome = 'handled' | 'retried' | 'terminated' | 'poison';

/** What a durable consumer did, by consumer (durable name): events by outcome, and the size of its batches. */
export class ConsumerMetrics {
  private readonly events: Counter;
  private readonly batches: Histogram;

  constructor(private readonly durable: string) {
    const registry = processMetrics();
    this.events = counter(registry, 'nats_events_handled_total', 'events taken by durable consumers, by consumer and outcome', ['consumer', 'outcome']);
    this.batches = histogram(registry, 'nats_event_batch_size', 'events applied together by batch-mode consumers', ['consumer'], [1, 2, 5, 10, 25, 50, 100, 250]);
  }

  outcome(outcome: HandledOutcome, count = 1): void {
    this.events.inc({ consumer: this.durable, outcome }, count);
  }

  batch(size: number): void {
    this.batches.observe({ consumer: this.durable }, size);
  }
}
