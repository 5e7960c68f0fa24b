import pg from 'pg';

const DATABASE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

/** Creates the database named in `connectionString` when it does not exist yet. */
export async function ensureDatabaseExists(connectionString: string): Promise<{ created: boolean }> {
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!DATABASE_NAME_PATTERN.test(database)) {
    throw new Error(`Invalid database name "${database}" in the connection string`);
  }
  // Any database accepts the connection for the check; `postgres` always exists.
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount !== 0) return { created: false };
    try {
      await client.query(`CREATE DATABASE "${database}"`);
    } catch (error) {
      // Another process created it between the check and the CREATE.
      if ((error as { code?: string }).code === '42P04') return { created: false };
      throw error;
    }
    return { created: true };
  } finally {
    await client.end();
  }
}
