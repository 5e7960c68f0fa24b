import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyMigrations, createMigration } from '@pronote/db';
import { dropSchemas, TEST_DATABASE_URL, uniqueSchemaName, withPgClient } from './support/database.js';
import { copyExamplePrismaDir, EXAMPLE_MIGRATIONS_DIR, EXAMPLE_PRISMA_DIR } from './support/example-fixture.js';

async function shadowSchemaCount(): Promise<number> {
  return withPgClient(async (client) => {
    const result = await client.query("SELECT 1 FROM pg_namespace WHERE nspname LIKE 'prisma\\_shadow\\_%'");
    return result.rowCount ?? 0;
  });
}

describe('createMigration', () => {
  const schemas: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  afterAll(async () => {
    await dropSchemas(...schemas);
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  });

  it('finds nothing to do when the committed migrations already match schema.prisma', async () => {
    const created = await createMigration({
      connectionString: TEST_DATABASE_URL,
      schemaFile: join(EXAMPLE_PRISMA_DIR, 'schema.prisma'),
      migrationsDir: EXAMPLE_MIGRATIONS_DIR,
      name: 'nothing',
    });

    expect(created).toBeNull();
    expect(await shadowSchemaCount()).toBe(0);
  });

  it('writes the SQL from the migration history to the edited schema, schema-agnostic and applicable', async () => {
    const copy = await copyExamplePrismaDir();
    cleanups.push(copy.remove);
    const schemaFile = join(copy.prismaDir, 'schema.prisma');
    const migrationsDir = join(copy.prismaDir, 'migrations');
    const original = await readFile(schemaFile, 'utf8');
    await writeFile(
      schemaFile,
      original.replace('  email     String   @unique\n', '  email     String   @unique\n  nickname  String?\n'),
    );

    const created = await createMigration({
      connectionString: TEST_DATABASE_URL,
      schemaFile,
      migrationsDir,
      name: 'Add author nickname',
      now: new Date('2099-02-03T04:05:06Z'),
    });

    expect(created?.migrationName).toBe('20990203040506_add_author_nickname');
    expect(created?.sql).toMatch(/ALTER TABLE "authors" ADD COLUMN\s+"nickname" TEXT;/);
    expect(created?.sql).not.toMatch(/SCHEMA|prisma_shadow/);
    expect(await readFile(join(migrationsDir, '20990203040506_add_author_nickname', 'migration.sql'), 'utf8')).toBe(
      created?.sql,
    );
    expect(await readdir(migrationsDir)).toContain('migration_lock.toml');
    expect(await shadowSchemaCount()).toBe(0);

    const schema = uniqueSchemaName('diff');
    schemas.push(schema);
    const applied = await applyMigrations({ connectionString: TEST_DATABASE_URL, schema, migrationsDir });
    expect(applied.appliedMigrationNames).toContain('20990203040506_add_author_nickname');
    const again = await createMigration({ connectionString: TEST_DATABASE_URL, schemaFile, migrationsDir, name: 'again' });
    expect(again).toBeNull();
  });
});
