/**
 * Runs up to `concurrency` tasks at once. Tasks given the same key run one after the other, in the
 * order they were added (events of one aggregate stay in order while different aggregates overlap).
 */
export class HandlerLanes {
  private readonly active = new Set<Promise<void>>();
  private readonly tails = new Map<string, Promise<void>>();
  private freed: (() => void) | undefined;

  constructor(
    private readonly concurrency: number,
    /** A task that throws must not stop the tasks queued behind it on the same key. */
    private readonly onError: (error: unknown) => void,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Resolves once a slot is free and the task is started (or queued behind its key). One caller at a time. */
  async add(key: string | undefined, task: () => Promise<void>): Promise<void> {
    while (this.active.size >= this.concurrency) await new Promise<void>((resolve) => (this.freed = resolve));
    const previous = key === undefined ? undefined : this.tails.get(key);
    const run: Promise<void> = (previous ?? Promise.resolve()).then(task).catch(this.onError).finally(() => {
      this.active.delete(run);
      if (key !== undefined && this.tails.get(key) === run) this.tails.delete(key);
      const wake = this.freed;
      this.freed = undefined;
      wake?.();
    });
    this.active.add(run);
    if (key !== undefined) this.tails.set(key, run);
  }

  /** Waits for every started task. */
  async drain(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }
}
