/**
 * Back-pressure for the producers: at most `limit` events committed but not yet handled. Without it
 * writers faster than the consumer would grow a backlog and the latency would measure the backlog.
 */
export class InFlightGate {
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    while (this.inFlight >= this.limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.inFlight++;
  }

  release(): void {
    this.inFlight--;
    this.waiters.shift()?.();
  }

  /** Wakes every waiting producer (shutdown). */
  releaseAll(): void {
    this.inFlight = 0;
    for (const wake of this.waiters.splice(0)) wake();
  }
}
