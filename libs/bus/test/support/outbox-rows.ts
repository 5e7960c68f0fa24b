import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { outboxRecord } from '../../src/index.js';
import { baseCreated } from './fixtures.js';

/** Outbox rows as services write them (there, in the transaction of the state change). */
export async function insertOutboxRows(pool: pg.Pool, count: number, correlationId = 'corr-outbox'): Promise<string[]> {
  const records = Array.from({ length: count }, () =>
    outboxRecord(baseCreated, { baseId: randomUUID(), uai: '0750654D', year: '2022-2023' }, { correlationId }),
  );
  // One transaction per row, like separate requests: the relay must follow commit order.
  for (const record of records) {
    await pool.query(`INSERT INTO "OutboxEvent" ("id", "subject", "envelope") VALUES ($1, $2, $3)`, [
      record.id,
      record.subject,
      record.envelope,
    ]);
  }
  return records.map((record) => record.id);
}

export async function outboxState(pool: pg.Pool): Promise<Array<{ id: string; published: boolean; attempts: number }>> {
  const { rows } = await pool.query<{ id: string; published: boolean; attempts: number }>(
    `SELECT "id", "publishedAt" IS NOT NULL AS published, "attempts" FROM "OutboxEvent" ORDER BY "createdAt"`,
  );
  return rows;
}

/** Envelope ids stored in the stream, in stream order. */
export async function streamEnvelopeIds(nc: import('nats').NatsConnection, stream: string): Promise<string[]> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(stream);
  const ids: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    ids.push(message.json<{ id: string }>().id);
  }
  return ids;
}
