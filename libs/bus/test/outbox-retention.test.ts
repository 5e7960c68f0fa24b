import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { OUTBOX_EVENT_TABLE_SQL, OutboxRetention } from '../src/index.js';
import { capturingLogger, uniqueToken, waitFor } from './support/fixtures.js';
import { createSchemaPool, dropSchemaPool } from './support/postgres.js';

const schema = uniqueToken('bus_outbox_retention');
const DAY_MS = 24 * 3600_000;
let pool: pg.Pool;
const retentions: OutboxRetention[] = [];

beforeAll(async () => {
  pool = await createSchemaPool(schema);
  await pool.query(OUTBOX_EVENT_TABLE_SQL);
});

beforeEach(async () => {
  await pool.query(`TRUNCATE "OutboxEvent"`);
});

afterEach(async () => {
  await Promise.all(retentions.splice(0).map((retention) => retention.stop()));
});

afterAll(async () => {
  await dropSchemaPool(pool, schema);
});

function retention(options: { batchSize?: number; intervalMs?: number } = {}) {
  const { logger, lines } = capturingLogger();
  const created = new OutboxRetention({ pool, schema, logger, retentionMs: 7 * DAY_MS, ...options });
  retentions.push(created);
  return { retention: created, lines };
}

/** Rows created `ageDays` ago, published `publishedDaysAgo` days ago (null: not published yet). */
async function rows(count: number, ageDays: number, publishedDaysAgo: number | null): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await pool.query(
    `INSERT INTO "OutboxEvent" ("id", "subject", "envelope", "createdAt", "publishedAt")
     SELECT id, 'hosting.base.created.v1', '{}'::jsonb, now() - make_interval(days => $2), CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END
     FROM unnest($1::uuid[]) AS id`,
    [ids, ageDays, publishedDaysAgo],
  );
  return ids;
}

const remaining = async () => new Set((await pool.query<{ id: string }>(`SELECT "id" FROM "OutboxEvent"`)).rows.map(({ id }) => id));

describe('outbox retention', () => {
  it('removes the rows published before the retention, by batches, and keeps recent and unpublished ones', async () => {
    await rows(25, 30, 8);
    const recent = await rows(3, 30, 6);
    const unpublished = await rows(2, 30, null); // failing for a month: still to publish, never removed

    expect(await retention({ batchSize: 10 }).retention.purge()).toBe(25);
    expect(await remaining()).toEqual(new Set([...recent, ...unpublished]));
  });

  it('purges when started, then at every interval, and logs what it removed', async () => {
    await rows(4, 10, 9);
    const { retention: purging, lines } = retention({ intervalMs: 50 });
    purging.start();
    await waitFor(async () => (await remaining()).size === 0, 5000, 'first purge');

    const later = await rows(2, 10, 8);
    expect(later).toHaveLength(2);
    await waitFor(async () => (await remaining()).size === 0, 5000, 'purge at the next interval');
    await purging.stop();
    expect(lines().filter((line) => line['msg'] === 'outbox: published rows past their retention removed').map((line) => line['deleted'])).toEqual([4, 2]);
  });
});
