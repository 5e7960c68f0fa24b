import pg from 'pg';
import type { RawExecutor, RawQuerier } from '../../src/index.js';
import { POSTGRES_URL } from './fixtures.js';

/** A pool whose connections all live in `schema` (what Prisma's adapter does with its `schema` option). */
export async function createSchemaPool(schema: string): Promise<pg.Pool> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
  await admin.end();
  const pool = new pg.Pool({
    connectionString: POSTGRES_URL,
    options: `-c search_path=${schema}`,
    max: 6,
    connectionTimeoutMillis: 5000,
  });
  pool.on('error', () => undefined);
  return pool;
}

export async function dropSchemaPool(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  await pool.end();
}

/** Stands in for a Prisma interactive-transaction client: same `$executeRaw` tagged-template contract. */
export function rawExecutor(client: pg.ClientBase): RawExecutor {
  return {
    async $executeRaw(query: TemplateStringsArray, ...values: unknown[]) {
      const text = query.reduce((sql, part, index) => `${sql}$${index}${part}`);
      const result = await client.query(text, values);
      return result.rowCount ?? 0;
    },
  };
}

/** Stands in for a Prisma transaction client's `$queryRaw` (rows back). */
export function rawQuerier(client: pg.ClientBase): RawQuerier {
  return {
    async $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]) {
      const text = query.reduce((sql, part, index) => `${sql}$${index}${part}`);
      return (await client.query(text, values)).rows as T;
    },
  };
}

/** `prisma.$transaction(async (tx) => ...)` over pg. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
