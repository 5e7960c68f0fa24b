import pg from 'pg';

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Tests must never touch a database whose name does not say so. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
}

/** Drops the schemas a test created (CASCADE: tables, migrations table, everything). */
export async function dropSchemas(schemas: string[], url = TEST_DATABASE_URL): Promise<void> {
  assertTestDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
