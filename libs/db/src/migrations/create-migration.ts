import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { shadowDiffAdapterFactory } from './migration-adapter-factory.js';
import { NO_SCHEMA_FILTER } from './apply-migrations.js';
import {
  loadMigrationList,
  MIGRATION_FILE,
  MIGRATION_LOCK_FILE,
  POSTGRES_MIGRATION_LOCK,
} from './migrations-directory.js';
import { withSchemaEngine } from './schema-engine.js';

export interface CreateMigrationOptions {
  /** Used for a throw-away shadow schema where the existing history is replayed. */
  connectionString: string;
  schemaFile: string;
  migrationsDir: string;
  /** Short description, e.g. `add_invoices`; prefixed with a timestamp by the engine. */
  name: string;
  log?: (line: string) => void;
  /** Clock for the folder's timestamp prefix. */
  now?: Date;
}

export interface CreatedMigration {
  migrationName: string;
  migrationFile: string;
  sql: string;
}

// With `exitCode: true` the engine answers 2 when the two sides differ, 0 when they match.
const DIFF_NOT_EMPTY = 2;

/** `20250131093000`, in UTC, like the folders `prisma migrate dev` creates. */
export function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function migrationSlug(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new Error(`Migration name "${name}" has no letters or digits`);
  return slug.slice(0, 200);
}

/**
 * Writes `migrationsDir/<timestamp>_<name>/migration.sql` holding the SQL that takes a database
 * from the state of the existing migrations to `schemaFile` (`prisma migrate dev --create-only`).
 * Returns null, writing nothing, when the schema already matches the migrations.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const schemaContent = await readFile(options.schemaFile, 'utf8');
  const migrationsList = await loadMigrationList(options.migrationsDir);
  const diff = await withSchemaEngine(
    shadowDiffAdapterFactory(options.connectionString),
    { datamodels: [[options.schemaFile, schemaContent]], log: options.log },
    (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [{ path: options.schemaFile, content: schemaContent }] },
        script: true,
        exitCode: true,
        filters: NO_SCHEMA_FILTER,
      }),
  );
  if (diff.exitCode !== DIFF_NOT_EMPTY || diff.stdout === null) return null;
  const migrationName = `${migrationTimestamp(options.now ?? new Date())}_${migrationSlug(options.name)}`;
  const migrationDir = join(options.migrationsDir, migrationName);
  const migrationFile = join(migrationDir, MIGRATION_FILE);
  await mkdir(migrationDir, { recursive: true });
  await writeFile(migrationFile, diff.stdout);
  await writeFile(join(options.migrationsDir, MIGRATION_LOCK_FILE), POSTGRES_MIGRATION_LOCK, { flag: 'wx' }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    },
  );
  return { migrationName: migrationName, migrationFile, sql: diff.stdout };
}
