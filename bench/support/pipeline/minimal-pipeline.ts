/**
 * The floor: the least an outbox pipeline can do on this machine, with the same drivers (`pg`,
 * nats.js) and the same events, and none of the platform's code. It tells what ratio to raw
 * JetStream the machine itself allows once a commit and an idempotent consumer are in the path.
 *
 * Deliberately cut to the bone, so not a design to copy: a state row and an outbox row per event,
 * written by batches of `WRITE_BATCH` in one statement (as if that many requests always arrived
 * together); a single relay (no row locks, so no second replica) that publishes up to
 * `RELAY_BATCH` rows with their `Nats-Msg-Id` and deletes them; a consumer (minimal-consumer.process.ts)
 * that claims and applies a batch in one statement, then acks. No validation, no envelope contract,
 * no correlation, no logs, no metrics, no retry or back-off.
 */
import type { JetStreamClient, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { headers } from 'nats';
import pg from 'pg';

export const WRITE_BATCH = 128;
const RELAY_BATCH = 500;
const RELAY_IDLE_MS = 20;

/** application_name of the floor's Postgres connections (CPU accounting). */
export const MINIMAL_PRODUCER_APP = 'bench-minimal-producer';
export const MINIMAL_CONSUMER_APP = 'bench-minimal-consumer';

export function minimalSchemaSql(schema: string): string {
  const s = pg.escapeIdentifier(schema);
  return `CREATE SCHEMA ${s};
    CREATE TABLE ${s}.state (id uuid PRIMARY KEY, uai text NOT NULL, school_name text NOT NULL);
    CREATE TABLE ${s}.outbox (seq bigserial PRIMARY KEY, id uuid NOT NULL, envelope text NOT NULL);
    CREATE TABLE ${s}.claims (id uuid PRIMARY KEY);
    CREATE TABLE ${s}.projection (id uuid PRIMARY KEY, uai text NOT NULL, school_name text NOT NULL);`;
}

export interface MinimalEvent {
  id: string;
  uai: string;
  schoolName: string;
  /** The envelope as published (JSON). */
  envelope: string;
}

/** A new event shaped like `template` (same subject and size), built with no validation. */
export function minimalEvent(template: { readonly [field: string]: unknown }): MinimalEvent {
  const id = randomUUID();
  const payload = template.payload as { uai: string; schoolName: string };
  return { id, uai: payload.uai, schoolName: payload.schoolName, envelope: JSON.stringify({ ...template, id, payload: { ...payload, accountId: id } }) };
}

const encoder = new TextEncoder();

export class MinimalProducer {
  private readonly js: JetStreamClient;
  private wake: (() => void) | undefined;
  private relaying: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly pool: pg.Pool,
    nc: NatsConnection,
    private readonly subject: string,
  ) {
    this.js = nc.jetstream();
  }

  /** The events' state rows and outbox rows, in one statement. */
  async commit(events: MinimalEvent[]): Promise<void> {
    await this.pool.query(
      `WITH e AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS e(id, uai, school_name, envelope)),
         s AS (INSERT INTO state (id, uai, school_name) SELECT id, uai, school_name FROM e)
       INSERT INTO outbox (id, envelope) SELECT id, envelope FROM e`,
      [events.map((e) => e.id), events.map((e) => e.uai), events.map((e) => e.schoolName), events.map((e) => e.envelope)],
    );
    this.wake?.();
  }

  startRelay(): void {
    this.relaying ??= this.relay();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.relaying;
  }

  private async relay(): Promise<void> {
    while (!this.stopping) {
      const { rows } = await this.pool.query<{ id: string; envelope: string }>(`SELECT id, envelope FROM outbox ORDER BY seq LIMIT ${RELAY_BATCH}`);
      if (rows.length === 0) {
        await new Promise<void>((woken) => {
          this.wake = woken;
          setTimeout(woken, RELAY_IDLE_MS);
        });
        this.wake = undefined;
        continue;
      }
      await Promise.all(
        rows.map(({ id, envelope }) => {
          const h = headers();
          h.set('Nats-Msg-Id', id);
          return this.js.publish(this.subject, encoder.encode(envelope), { headers: h });
        }),
      );
      await this.pool.query(`DELETE FROM outbox WHERE id = ANY($1::uuid[])`, [rows.map(({ id }) => id)]);
    }
  }
}
