import { LatencySamples } from '../stats.js';

/**
 * Milliseconds on a clock that the producer and the consumer processes share: each process's
 * high-resolution time origin (wall clock at its start) plus its monotonic time since.
 */
export function sharedClockNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Commit and handling times of each event (`sharedClockNow`). The consumer may report an event
 * before its producer's `await` has returned: either order is accepted.
 */
export class PipelineClock {
  private readonly committedAt = new Map<string, number>();
  private readonly handledAt = new Map<string, number>();
  readonly latencies = new LatencySamples();
  committed = 0;
  /** Events handled for the first time. */
  handled = 0;
  /** Deliveries of an already handled event (must stay 0 in a healthy run: no redelivery expected). */
  duplicates = 0;
  private window = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  private handledInWindow = 0;

  /** Only events committed (for latency) and handled (for throughput) inside the window count. */
  measureBetween(from: number, to: number): void {
    this.window = { from, to };
  }

  get throughputCount(): number {
    return this.handledInWindow;
  }

  onCommitted(id: string, at = sharedClockNow()): void {
    this.committed++;
    const handled = this.handledAt.get(id);
    if (handled === undefined) this.committedAt.set(id, at);
    else this.sample(at, handled, id);
  }

  onHandled(id: string, applied: boolean, at = sharedClockNow()): void {
    if (!applied || this.handledAt.has(id)) {
      this.duplicates++;
      return;
    }
    this.handled++;
    this.handledAt.set(id, at);
    if (at >= this.window.from && at < this.window.to) this.handledInWindow++;
    const committed = this.committedAt.get(id);
    if (committed !== undefined) this.sample(committed, at, id);
  }

  private sample(committed: number, handled: number, id: string): void {
    this.committedAt.delete(id);
    if (committed >= this.window.from && committed < this.window.to) this.latencies.add(Math.max(0, handled - committed));
  }
}
