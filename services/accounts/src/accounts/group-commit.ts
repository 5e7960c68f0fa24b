/** What one item of a group became: its value, or the error that is its caller's alone. */
export type ItemOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Most items written by one commit. */
  maxBatch: number;
  /** Commits running at once; items submitted while all are busy wait and leave together. */
  concurrency: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for concurrent callers: the items submitted in the same turn of the event loop (and
 * those submitted while `concurrency` commits are already running) are written together by one call
 * of `commitGroup`, i.e. one durable commit shared by all of them. Each caller still gets its own
 * outcome: `commitGroup` returns one per item, in order. If it throws, every item of the group fails
 * with that error. Under light load an item leaves alone at the next turn of the loop (no wait).
 */
export class GroupCommit<I, O> {
  private readonly waiting: Array<Waiting<I, O>> = [];
  private running = 0;
  private flushScheduled = false;

  constructor(
    private readonly commitGroup: (items: I[]) => Promise<Array<ItemOutcome<O>>>,
    private readonly options: GroupCommitOptions,
  ) {
    for (const [name, value] of Object.entries(options)) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
    }
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.flush();
      else this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // After the current I/O callbacks: every caller woken by the same socket read joins this group.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      void this.commit(this.waiting.splice(0, this.options.maxBatch));
    }
  }

  private async commit(group: Array<Waiting<I, O>>): Promise<void> {
    this.running++;
    try {
      const outcomes = await this.commitGroup(group.map(({ item }) => item));
      if (outcomes.length !== group.length) throw new Error(`group commit returned ${outcomes.length} outcomes for ${group.length} items`);
      group.forEach(({ resolve, reject }, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      });
    } catch (error) {
      for (const { reject } of group) reject(error);
    } finally {
      this.running--;
      this.flush();
    }
  }
}

/** Runs `action` and captures its outcome instead of throwing. */
export async function outcomeOf<O>(action: () => Promise<O>): Promise<ItemOutcome<O>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error };
  }
}
