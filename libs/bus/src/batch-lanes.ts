/**
 * Group commit for a consumer: items added while `concurrency` batches are running wait and leave
 * together, as one batch of up to `maxBatch`, when a batch finishes. Under light load an item leaves
 * alone at the next turn of the event loop (no added latency); under load the batches grow, and
 * with them the work done per database commit.
 *
 * Items sharing a key never run in two batches at once, and keep the order they were added in:
 * an item whose key is in a running batch (or behind such an item) waits for the next batch.
 */
export class BatchLanes<T> {
  private readonly pending: Array<{ key: string | undefined; item: T }> = [];
  private readonly active = new Set<Promise<void>>();
  private readonly keysInFlight = new Map<string, number>();
  private flushScheduled = false;
  private freed: (() => void) | undefined;

  constructor(
    private readonly concurrency: number,
    private readonly maxBatch: number,
    private readonly run: (items: T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {
    for (const [name, value] of [['concurrency', concurrency], ['maxBatch', maxBatch]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
    }
  }

  /** Resolves once the item is queued; waits while a full batch is already waiting (back-pressure). One caller at a time. */
  async add(key: string | undefined, item: T): Promise<void> {
    while (this.pending.length >= this.maxBatch) {
      this.flush();
      if (this.pending.length < this.maxBatch) break;
      await new Promise<void>((resolve) => (this.freed = resolve));
    }
    this.pending.push({ key, item });
    if (this.pending.length >= this.maxBatch) this.flush();
    else this.scheduleFlush();
  }

  /** Removes and returns the items not started yet (shutdown: hand them back). */
  takePending(): T[] {
    return this.pending.splice(0).map(({ item }) => item);
  }

  /** Waits until every queued item has run. */
  async drain(): Promise<void> {
    this.flush();
    while (this.active.size > 0) {
      await Promise.allSettled([...this.active]);
      this.flush();
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // After the current I/O callbacks: every message of the same socket read joins this batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.active.size < this.concurrency && this.pending.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.start(batch);
    }
  }

  /** The oldest items whose key is free, up to `maxBatch`; a key once skipped stays skipped (order). */
  private takeBatch(): Array<{ key: string | undefined; item: T }> {
    const batch: Array<{ key: string | undefined; item: T }> = [];
    const blocked = new Set<string>();
    for (let index = 0; index < this.pending.length && batch.length < this.maxBatch; ) {
      const entry = this.pending[index]!;
      if (entry.key !== undefined && (blocked.has(entry.key) || this.keysInFlight.has(entry.key))) {
        blocked.add(entry.key);
        index++;
        continue;
      }
      batch.push(entry);
      this.pending.splice(index, 1);
    }
    return batch;
  }

  private start(batch: Array<{ key: string | undefined; item: T }>): void {
    const keys = batch.map(({ key }) => key).filter((key): key is string => key !== undefined);
    for (const key of keys) this.keysInFlight.set(key, (this.keysInFlight.get(key) ?? 0) + 1);
    const running: Promise<void> = this.run(batch.map(({ item }) => item))
      .catch(this.onError)
      .finally(() => {
        this.active.delete(running);
        for (const key of keys) {
          const left = this.keysInFlight.get(key)! - 1;
          if (left === 0) this.keysInFlight.delete(key);
          else this.keysInFlight.set(key, left);
        }
        this.flush();
        const wake = this.freed;
        this.freed = undefined;
        wake?.();
      });
    this.active.add(running);
  }
}
