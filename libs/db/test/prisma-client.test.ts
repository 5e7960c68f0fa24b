import { DEFAULT_POOL_SETTINGS } from '@pronote/db';
import { tableNames, withPgClient } from './support/database.js';
import { openExampleDatabase, type ExampleDatabase } from './support/example-client.js';

describe('generated client over createPrismaAdapter', () => {
  let db: ExampleDatabase;

  beforeAll(async () => {
    db = await openExampleDatabase('client');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('writes and reads rows in the schema it was given, and only there', async () => {
    const author = await db.client.author.create({
      data: { email: 'ada@example.org', books: { create: [{ title: 'Notes', publishedYear: 1843 }] } },
    });

    const loaded = await db.client.author.findUniqueOrThrow({ where: { id: author.id }, include: { books: true } });

    expect(loaded.email).toBe('ada@example.org');
    expect(loaded.createdAt).toBeInstanceOf(Date);
    expect(loaded.books).toEqual([expect.objectContaining({ title: 'Notes', publishedYear: 1843, authorId: author.id })]);
    const countInSchema = await withPgClient(async (client) => {
      const result = await client.query<{ count: string }>(`SELECT count(*) FROM "${db.schema}".authors`);
      return Number(result.rows[0]?.count);
    });
    expect(countInSchema).toBe(1);
    expect(await tableNames('public')).not.toContain('authors');
  });

  it('runs interactive transactions and rolls them back on error', async () => {
    await expect(
      db.client.$transaction(async (tx) => {
        await tx.author.create({ data: { email: 'rolled-back@example.org' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    const rows = await db.client.$queryRaw<{ email: string }[]>`SELECT email FROM authors WHERE email = 'rolled-back@example.org'`;
    expect(rows).toEqual([]);
  });

  it('sets the search path and the idle-in-transaction guard on its connections', async () => {
    const [settings] = await db.client.$queryRaw<{ search_path: string; idle_timeout_ms: string }[]>`
      SELECT current_setting('search_path') AS search_path,
             (SELECT setting FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout') AS idle_timeout_ms`;

    expect(settings?.search_path).toBe(db.schema);
    expect(Number(settings?.idle_timeout_ms)).toBe(DEFAULT_POOL_SETTINGS.idleInTransactionSessionTimeoutMillis);
  });
});

describe('createPrismaAdapter pool limits', () => {
  let db: ExampleDatabase;

  beforeAll(async () => {
    db = await openExampleDatabase('pool', { poolMax: 1, connectionTimeoutMillis: 300 });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('fails a query that waits longer than connectionTimeoutMillis for a pooled connection', async () => {
    let releaseTransaction = () => undefined as void;
    let transaction: Promise<unknown> = Promise.resolve();
    await new Promise<void>((connectionHeld) => {
      transaction = db.client.$transaction(async (tx) => {
        await tx.author.create({ data: { email: 'holder@example.org' } });
        connectionHeld();
        await new Promise<void>((resolve) => (releaseTransaction = resolve));
      });
    });

    const startedAt = Date.now();
    await expect(db.client.book.findMany()).rejects.toThrow('timeout exceeded when trying to connect');
    const waitedMillis = Date.now() - startedAt;
    releaseTransaction();
    await transaction;

    expect(waitedMillis).toBeLessThan(3_000);
  });
});
