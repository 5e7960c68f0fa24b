import type { Envelope } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import pg from 'pg';
import type { Bus } from '../connection.js';
import { publishEnvelope } from '../publisher.js';
import { WakeableSleep } from '../wakeable-sleep.js';

export interface OutboxRelayOptions {
  bus: Bus;
  pool: pg.Pool;
  /** Postgres schema holding the service's `OutboxEvent` table. */
  schema: string;
  logger: Logger;
  batchSize?: number;
  /** Polling period when nobody calls `notify()` (other instances' rows, missed notifications). */
  pollIntervalMs?: number;
  publishTimeoutMs?: number;
  /** Ceiling of the back-off after failed publishes or database errors. */
  maxBackoffMs?: number;
}

export interface OutboxRelayStats {
  published: number;
  /** Rows the stream already held (published before a crash that prevented marking them). */
  duplicates: number;
  failures: number;
}

interface OutboxRow {
  id: string;
  envelope: Envelope;
}

interface PublishedBatch {
  selected: number;
  failed: number;
  /** The batch's mark and commit, still running: true once committed (false: logged, the rows will be published again). */
  committed: Promise<boolean>;
}

/**
 * Publishes committed outbox rows to JetStream, oldest first, and marks them only after the PubAck.
 * Rows are locked with SKIP LOCKED for the duration of a batch, so parallel relays (one per service
 * replica) never publish the same row at the same time; the `Nats-Msg-Id` = row id makes the stream
 * drop a row republished after a crash between PubAck and commit.
 *
 * A batch is published whole (every PubAck awaited at once), then marked by one statement. While
 * that mark commits (an fsync), the next batch is already selected and published: its SELECT skips
 * the rows the commit in progress still locks, and it publishes only once the previous batch's
 * PubAcks are in, so the stream keeps the rows' order. At most one commit runs behind the loop.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly sleeper = new WakeableSleep();
  private readonly counters: OutboxRelayStats = { published: 0, duplicates: 0, failures: 0 };
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = `${pg.escapeIdentifier(options.schema)}."OutboxEvent"`;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    // Written into the SELECT (the batch query is one multi-statement round trip, which takes no parameters).
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${this.batchSize}`);
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Call after committing a transaction that wrote outbox rows: the relay wakes at once. */
  notify(): void {
    this.sleeper.wake();
  }

  stats(): OutboxRelayStats {
    return { ...this.counters };
  }

  /** Lets the current batch finish (publishes and marks), then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    let consecutiveFailures = 0;
    let previousCommit = Promise.resolve(true);
    while (!this.stopping) {
      let delayMs = this.pollIntervalMs;
      if (this.options.bus.isConnected()) {
        try {
          const { selected, failed, committed } = await this.publishBatch();
          const previousCommitted = await previousCommit;
          previousCommit = committed;
          const ok = failed === 0 && previousCommitted;
          consecutiveFailures = ok ? 0 : consecutiveFailures + 1;
          if (!ok) delayMs = this.backoffMs(consecutiveFailures);
          else if (selected === this.batchSize) continue;
        } catch (error) {
          consecutiveFailures++;
          delayMs = this.backoffMs(consecutiveFailures);
          this.options.logger.error({ err: error }, 'outbox relay batch failed');
        }
      }
      // While NATS is unreachable we only poll the connection state: no database work, nothing lost.
      if (!this.stopping) await this.sleeper.sleep(delayMs);
    }
    await previousCommit;
  }

  private backoffMs(consecutiveFailures: number): number {
    return Math.min(this.maxBackoffMs, this.pollIntervalMs * 2 ** Math.min(consecutiveFailures, 10));
  }

  /** Locks and publishes the oldest unpublished rows; returns with their mark and commit under way. */
  private async publishBatch(): Promise<PublishedBatch> {
    const client = await this.options.pool.connect();
    try {
      const rows = await this.lockOldestRows(client);
      const outcomes = rows.length === 0 ? [] : await this.publishRows(rows);
      const failed = outcomes.filter(({ error }) => error !== null).length;
      return { selected: rows.length, failed, committed: this.markAndCommit(client, outcomes) };
    } catch (error) {
      await this.rollback(client, error);
      throw error;
    }
  }

  /** Opens the batch's transaction and locks its rows, in one round trip. */
  private async lockOldestRows(client: pg.PoolClient): Promise<OutboxRow[]> {
    const results = (await client.query(
      `BEGIN; ${BATCH_SETTINGS_SQL}; ${lockOldestRowsSql(this.table, this.batchSize)}`,
    )) as unknown as Array<pg.QueryResult<OutboxRow>>;
    return results.at(-1)!.rows;
  }

  /** Publishes concurrently (one connection keeps them in order on the wire); one outcome per row. */
  private async publishRows(rows: OutboxRow[]): Promise<Array<{ id: string; error: string | null }>> {
    const results = await Promise.allSettled(
      rows.map((row) => publishEnvelope(this.options.bus, row.envelope, { timeoutMs: this.options.publishTimeoutMs })),
    );
    const outcomes = results.map((result, index) => {
      if (result.status === 'fulfilled') {
        this.counters[result.value.duplicate ? 'duplicates' : 'published']++;
        return { id: rows[index]!.id, error: null };
      }
      this.counters.failures++;
      return { id: rows[index]!.id, error: errorMessage(result.reason) };
    });
    const failed = outcomes.filter(({ error }) => error !== null);
    if (failed.length > 0) this.options.logger.warn({ failed: failed.length, firstError: failed[0]!.error }, 'outbox publish failed, will retry');
    return outcomes;
  }

  /** One statement marks the published rows and records the others' error; then the commit frees the locks. */
  private async markAndCommit(client: pg.PoolClient, outcomes: Array<{ id: string; error: string | null }>): Promise<boolean> {
    try {
      if (outcomes.length > 0) {
        await client.query(
          `UPDATE ${this.table} AS o SET "attempts" = o."attempts" + 1, "lastError" = f.error,
             "publishedAt" = CASE WHEN f.error IS NULL THEN now() ELSE o."publishedAt" END
           FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o."id" = f.id`,
          [outcomes.map(({ id }) => id), outcomes.map(({ error }) => error)],
        );
      }
      await client.query('COMMIT');
      client.release();
      return true;
    } catch (error) {
      this.options.logger.error({ err: error }, 'outbox relay could not mark a published batch: it will be published again (the stream drops the copies)');
      await this.rollback(client, error);
      return false;
    }
  }

  private async rollback(client: pg.PoolClient, cause: unknown): Promise<void> {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(cause instanceof Error ? cause : new Error(String(cause)));
  }
}

/**
 * Settings of a batch's transaction. Should this process stall mid-batch, Postgres ends the session
 * and frees the row locks. No bitmap scan: it would read every index entry whose publishedAt is NULL,
 * the dead versions of the rows marked since the last vacuum included (a bitmap scan cannot flag them
 * dead in the index as an index scan does), so its cost grew with the table (~4 ms a batch after
 * 60,000 events); the planner took it whenever it expected few unpublished rows.
 */
export const BATCH_SETTINGS_SQL = `SET LOCAL idle_in_transaction_session_timeout = '60s'; SET LOCAL enable_bitmapscan = off`;

/**
 * The oldest unpublished rows, locked. ORDER BY the whole ("publishedAt", "createdAt") index (the
 * same order here, publishedAt being NULL) so that an index scan returns them in order and stops
 * after the batch, with no sort.
 */
export function lockOldestRowsSql(table: string, batchSize: number): string {
  return `SELECT "id", "envelope" FROM ${table} WHERE "publishedAt" IS NULL
    ORDER BY "publishedAt", "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
