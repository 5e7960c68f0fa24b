import { PrismaPg } from '@prisma/adapter-pg';
import { isNotFound, isUniqueViolation, uniqueViolationConstraint } from '@pronote/db';
import { TEST_DATABASE_URL, withPgClient } from './support/database.js';
import { openExampleDatabase, type ExampleDatabase } from './support/example-client.js';

const MISSING_ID = '00000000-0000-0000-0000-000000000000';

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

describe('Prisma error translation, on errors provoked on Postgres', () => {
  let db: ExampleDatabase;
  let authorId: string;

  beforeAll(async () => {
    db = await openExampleDatabase('errors');
    authorId = (await db.client.author.create({ data: { email: 'taken@example.org' } })).id;
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  describe('isUniqueViolation', () => {
    it('recognises a model create hitting a unique index (P2002)', async () => {
      const error = await caught(() => db.client.author.create({ data: { email: 'taken@example.org' } }));

      expect(isUniqueViolation(error)).toBe(true);
      expect(isNotFound(error)).toBe(false);
      expect(uniqueViolationConstraint(error)).toBe('authors_email_key');
    });

    it('recognises a compound unique inside an interactive transaction', async () => {
      await db.client.book.create({ data: { title: 'Once', authorId } });

      const error = await caught(() =>
        db.client.$transaction((tx) => tx.book.create({ data: { title: 'Once', authorId } })),
      );

      expect(isUniqueViolation(error)).toBe(true);
      expect(uniqueViolationConstraint(error)).toBe('books_author_id_title_key');
    });

    it('recognises a raw query hitting a unique index (P2010)', async () => {
      const error = await caught(
        () => db.client.$executeRaw`INSERT INTO authors (id, email) VALUES (gen_random_uuid(), 'taken@example.org')`,
      );

      expect(isUniqueViolation(error)).toBe(true);
    });

    it('recognises the adapter error and the plain pg error', async () => {
      const sql = `INSERT INTO "${db.schema}".authors (id, email) VALUES (gen_random_uuid(), $1)`;
      const adapter = await new PrismaPg(TEST_DATABASE_URL, { schema: db.schema }).connect();
      const adapterError = await caught(() =>
        adapter.executeRaw({
          sql,
          args: ['taken@example.org'],
          argTypes: [{ scalarType: 'string', arity: 'scalar' }],
        }),
      ).finally(() => adapter.dispose());
      const pgError = await caught(() => withPgClient((client) => client.query(sql, ['taken@example.org'])));

      expect(isUniqueViolation(adapterError)).toBe(true);
      expect(isUniqueViolation(pgError)).toBe(true);
      expect(uniqueViolationConstraint(pgError)).toBe('authors_email_key');
    });

    it('does not mistake other constraint failures for unique violations', async () => {
      const foreignKey = await caught(() => db.client.book.create({ data: { title: 'Orphan', authorId: MISSING_ID } }));

      expect(isUniqueViolation(foreignKey)).toBe(false);
      expect(isNotFound(foreignKey)).toBe(false);
      expect(isUniqueViolation(new Error('duplicate'))).toBe(false);
      expect(isUniqueViolation(undefined)).toBe(false);
    });
  });

  describe('isNotFound', () => {
    it.each([
      ['update', () => db.client.author.update({ where: { id: MISSING_ID }, data: { email: 'x@example.org' } })],
      ['delete', () => db.client.author.delete({ where: { id: MISSING_ID } })],
      ['findUniqueOrThrow', () => db.client.author.findUniqueOrThrow({ where: { id: MISSING_ID } })],
    ])('recognises %s of a missing record (P2025)', async (_operation, operation) => {
      const error = await caught(operation);

      expect(isNotFound(error)).toBe(true);
      expect(isUniqueViolation(error)).toBe(false);
    });

    it('is false for other errors', () => {
      expect(isNotFound(new Error('not found'))).toBe(false);
      expect(isNotFound({ code: 'P2002' })).toBe(false);
      expect(isNotFound(null)).toBe(false);
    });
  });
});
