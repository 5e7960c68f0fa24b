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

interface BatchResult {
  selected: number;
  failed: number;
}

/**
 * Publishes committed outbox rows to JetStream, oldest first, and marks them only after the PubAck.
 * Rows are locked with SKIP LOCKED for the duration of a batch, so parallel relays (one per service
 * replica) never publish the same row at the same time; the `Nats-Msg-Id` = row id makes the stream
 * drop a row republished after a crash between PubAck and commit.
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
    while (!this.stopping) {
      let delayMs = this.pollIntervalMs;
      if (this.options.bus.isConnected()) {
        try {
          const { selected, failed } = await this.relayBatch();
          consecutiveFailures = failed > 0 ? consecutiveFailures + 1 : 0;
          if (failed > 0) delayMs = this.backoffMs(consecutiveFailures);
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
  }

  private backoffMs(consecutiveFailures: number): number {
    return Math.min(this.maxBackoffMs, this.pollIntervalMs * 2 ** Math.min(consecutiveFailures, 10));
  }

  private async relayBatch(): Promise<BatchResult> {
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // Should this process stall mid-batch, Postgres ends the session and frees the row locks.
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = '60s'`);
      const { rows } = await client.query<OutboxRow>(
        `SELECT "id", "envelope" FROM ${this.table} WHERE "publishedAt" IS NULL
         ORDER BY "createdAt" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      const failed = rows.length === 0 ? 0 : await this.publishRows(client, rows);
      await client.query('COMMIT');
      return { selected: rows.length, failed };
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Publishes concurrently (one connection keeps them in order on the wire); returns the failure count. */
  private async publishRows(client: pg.PoolClient, rows: OutboxRow[]): Promise<number> {
    const results = await Promise.allSettled(
      rows.map((row) => publishEnvelope(this.options.bus, row.envelope, { timeoutMs: this.options.publishTimeoutMs })),
    );
    const publishedIds: string[] = [];
    const failedIds: string[] = [];
    const errors: string[] = [];
    results.forEach((result, index) => {
      const row = rows[index]!;
      if (result.status === 'fulfilled') {
        publishedIds.push(row.id);
        this.counters[result.value.duplicate ? 'duplicates' : 'published']++;
      } else {
        failedIds.push(row.id);
        errors.push(errorMessage(result.reason));
      }
    });
    if (publishedIds.length > 0) {
      await client.query(
        `UPDATE ${this.table} SET "publishedAt" = now(), "attempts" = "attempts" + 1, "lastError" = NULL
         WHERE "id" = ANY($1::uuid[])`,
        [publishedIds],
      );
    }
    if (failedIds.length > 0) {
      this.counters.failures += failedIds.length;
      await client.query(
        `UPDATE ${this.table} AS o SET "attempts" = o."attempts" + 1, "lastError" = f.error
         FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o."id" = f.id`,
        [failedIds, errors],
      );
      this.options.logger.warn({ failed: failedIds.length, firstError: errors[0] }, 'outbox publish failed, will retry');
    }
    return failedIds.length;
  }
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
