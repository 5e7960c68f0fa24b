import { counter, histogram, processMetrics } from '@pronote/observability';

export type HandledOutcome = 'handled' | 'retried' | 'terminated' | 'poison';

const OUTCOMES: readonly HandledOutcome[] = ['handled', 'retried', 'terminated', 'poison'];

/**
 * What a durable consumer did, by consumer (durable name): events by outcome, and the size of its
 * batches. The labelled series are looked up once here, not on every event.
 */
export class ConsumerMetrics {
  private readonly events: ReadonlyMap<HandledOutcome, { inc(count: number): void }>;
  private readonly batches: { observe(size: number): void };

  constructor(durable: string) {
    const registry = processMetrics();
    const events = counter(registry, 'nats_events_handled_total', 'events taken by durable consumers, by consumer and outcome', ['consumer', 'outcome']);
    this.events = new Map(OUTCOMES.map((outcome) => [outcome, events.labels({ consumer: durable, outcome })]));
    this.batches = histogram(registry, 'nats_event_batch_size', 'events applied together by batch-mode consumers', ['consumer'], [1, 2, 5, 10, 25, 50, 100, 250]).labels({
      consumer: durable,
    });
  }

  outcome(outcome: HandledOutcome, count = 1): void {
    this.events.get(outcome)!.inc(count);
  }

  batch(size: number): void {
    this.batches.observe(size);
  }
}
