import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyMigrations, MigrationHistoryError } from '@pronote/db';
import { dropSchemas, tableNames, TEST_DATABASE_URL, uniqueSchemaName, withPgClient } from './support/database.js';
import {
  copyExamplePrismaDir,
  EXAMPLE_MIGRATION_NAMES,
  EXAMPLE_MIGRATIONS_DIR,
} from './support/example-fixture.js';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function migrationRows(schema: string): Promise<MigrationRow[]> {
  return withPgClient(async (client) => {
    const result = await client.query<MigrationRow>(
      `SELECT * FROM "${schema}"._prisma_migrations ORDER BY started_at, migration_name`,
    );
    return result.rows;
  });
}

describe('applyMigrations', () => {
  const schemas: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const freshSchema = (purpose: string) => {
    const schema = uniqueSchemaName(purpose);
    schemas.push(schema);
    return schema;
  };
  const apply = (schema: string, migrationsDir = EXAMPLE_MIGRATIONS_DIR) =>
    applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir });

  afterAll(async () => {
    await dropSchemas(...schemas);
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  });

  it('creates the schema, applies every migration in order and records them like Prisma', async () => {
    const schema = freshSchema('apply');

    const result = await apply(schema);

    expect(result).toEqual({ schema, appliedMigrationNames: EXAMPLE_MIGRATION_NAMES });
    expect(await tableNames(schema)).toEqual(['_prisma_migrations', 'authors', 'books']);
    const rows = await migrationRows(schema);
    expect(rows.map((row) => row.migration_name)).toEqual(EXAMPLE_MIGRATION_NAMES);
    for (const row of rows) {
      const sql = await readFile(join(EXAMPLE_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const bookColumns = await withPgClient(async (client) => {
      const result = await client.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
        [schema, 'books'],
      );
      return result.rows.map((row) => row.column_name);
    });
    expect(bookColumns).toContain('published_year');
  });

  it('does nothing when the schema is up to date', async () => {
    const schema = freshSchema('reapply');
    await apply(schema);
    const before = await migrationRows(schema);

    const again = await apply(schema);

    expect(again.appliedMigrationNames).toEqual([]);
    expect(await migrationRows(schema)).toEqual(before);
  });

  it('never applies a migration twice when processes migrate the same schema concurrently', async () => {
    const schema = freshSchema('concurrent');

    const results = await Promise.all([apply(schema), apply(schema), apply(schema)]);

    const applied = results.flatMap((result) => result.appliedMigrationNames).sort();
    expect(applied).toEqual(EXAMPLE_MIGRATION_NAMES);
    expect((await migrationRows(schema)).map((row) => row.migration_name)).toEqual(EXAMPLE_MIGRATION_NAMES);
  });

  it('applies only the migrations added since the last run', async () => {
    const copy = await copyExamplePrismaDir();
    cleanups.push(copy.remove);
    const migrationsDir = join(copy.prismaDir, 'migrations');
    const schema = freshSchema('pending');
    await apply(schema, migrationsDir);
    await mkdir(join(migrationsDir, '20990101000000_add_isbn'));
    await writeFile(
      join(migrationsDir, '20990101000000_add_isbn', 'migration.sql'),
      `ALTER TABLE "books" ADD COLUMN "isbn" TEXT;\nCOMMENT ON COLUMN "books"."isbn" IS 'ISBN-13; no dashes';\n`,
    );

    const result = await apply(schema, migrationsDir);

    expect(result.appliedMigrationNames).toEqual(['20990101000000_add_isbn']);
  });

  it('reports an applied migration whose file was edited afterwards, and applies nothing', async () => {
    const copy = await copyExamplePrismaDir();
    cleanups.push(copy.remove);
    const migrationsDir = join(copy.prismaDir, 'migrations');
    const schema = freshSchema('tampered');
    await apply(schema, migrationsDir);
    await appendFile(join(migrationsDir, EXAMPLE_MIGRATION_NAMES[0]!, 'migration.sql'), '\n-- edited\n');
    await mkdir(join(migrationsDir, '20990101000000_never_applied'));
    await writeFile(join(migrationsDir, '20990101000000_never_applied', 'migration.sql'), 'CREATE TABLE "x" ("id" INT);');

    const error = await apply(schema, migrationsDir).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationHistoryError);
    expect(error).toMatchObject({
      code: 'MIGRATION_HISTORY_CONFLICT',
      editedMigrationNames: [EXAMPLE_MIGRATION_NAMES[0]],
      failedMigrationNames: [],
    });
    expect((error as Error).message).toContain('checksum mismatch');
    expect(await tableNames(schema)).not.toContain('x');
  });

  it('rolls a failing migration back as a whole and refuses to continue until it is resolved', async () => {
    const copy = await copyExamplePrismaDir();
    cleanups.push(copy.remove);
    const migrationsDir = join(copy.prismaDir, 'migrations');
    const schema = freshSchema('failing');
    await mkdir(join(migrationsDir, '20990101000000_broken'));
    await writeFile(
      join(migrationsDir, '20990101000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" ("id" INT);\nALTER TABLE "no_such_table" ADD COLUMN "x" INT;\n',
    );

    await expect(apply(schema, migrationsDir)).rejects.toThrow(/no_such_table/);

    expect(await tableNames(schema)).not.toContain('half_done');
    const failed = (await migrationRows(schema)).find((row) => row.migration_name === '20990101000000_broken');
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null });
    await expect(apply(schema, migrationsDir)).rejects.toMatchObject({
      failedMigrationNames: ['20990101000000_broken'],
    });
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(apply('Robert"; DROP SCHEMA public; --')).rejects.toThrow(/Invalid Postgres schema name/);
  });
});
