import pg from 'pg';

// Two-int advisory keys live in a different key space from the single-bigint key the schema
// engine locks (72707369), so this lock never collides with it.
const LOCK_NAMESPACE = 0x70726e; // "prn"

/**
 * Holds a session-level advisory lock for `schema` while `work` runs, so that two processes
 * migrating the same schema run one after the other (the second then finds nothing to apply).
 */
export async function withSchemaLock<T>(
  connectionString: string,
  schema: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 30_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, schema]);
    return await work(client);
  } finally {
    // Closing the session releases the lock even if the unlock below cannot run.
    await client.end();
  }
}
