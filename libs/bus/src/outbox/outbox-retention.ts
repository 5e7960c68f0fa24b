import type { Logger } from '@pronote/observability';
import pg from 'pg';
import { WakeableSleep } from '../wakeable-sleep.js';

export interface OutboxRetentionOptions {
  pool: pg.Pool;
  /** Postgres schema holding the service's `OutboxEvent` table. */
  schema: string;
  logger: Logger;
  /** How long a published row stays (to answer "was it published, when?"); 7 days by default. */
  retentionMs?: number;
  /** Time between two purges; 10 minutes by default. */
  intervalMs?: number;
  /** Rows deleted per statement (short transactions, no long lock on the table). */
  batchSize?: number;
}

export const DEFAULT_OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Removes the outbox rows published longer ago than the retention: the relay only marks a row once
 * JetStream has stored it (the stream is the history), so without this the table would grow with
 * every event the service ever published. Rows not yet published are never touched. Every replica
 * may run it: a purge deletes what is old, whoever got there first.
 */
export class OutboxRetention {
  private readonly table: string;
  private readonly retentionMs: number;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly sleeper = new WakeableSleep();
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: OutboxRetentionOptions) {
    this.table = `${pg.escapeIdentifier(options.schema)}."OutboxEvent"`;
    this.retentionMs = options.retentionMs ?? DEFAULT_OUTBOX_RETENTION_MS;
    this.intervalMs = options.intervalMs ?? 600_000;
    this.batchSize = options.batchSize ?? 5000;
    if (!(this.retentionMs > 0)) throw new Error(`retentionMs must be positive, got ${this.retentionMs}`);
  }

  /** Purges now, then every interval, until `stop()`. */
  start(): void {
    this.running ??= this.loop();
  }

  /** Waits for a purge under way (at most one statement more), then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.running;
  }

  /** Deletes the rows published before the retention, a batch per statement; returns how many. */
  async purge(): Promise<number> {
    let deleted = 0;
    for (;;) {
      // The ("publishedAt", "createdAt") index finds them; unpublished rows (NULL) never match.
      const { rowCount } = await this.options.pool.query(
        `DELETE FROM ${this.table} WHERE "id" IN (
           SELECT "id" FROM ${this.table} WHERE "publishedAt" < now() - make_interval(secs => $1) LIMIT $2)`,
        [this.retentionMs / 1000, this.batchSize],
      );
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < this.batchSize || this.stopping) return deleted;
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const deleted = await this.purge();
        if (deleted > 0) this.options.logger.info({ deleted }, 'outbox: published rows past their retention removed');
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbox purge failed, will retry at the next interval');
      }
      if (!this.stopping) await this.sleeper.sleep(this.intervalMs);
    }
  }
}
