import type { SchemaFilter } from '@prisma/schema-engine-wasm';
import { assertValidSchemaName } from '../schema-name.js';
import { migrationAdapterFactory } from './migration-adapter-factory.js';
import { loadMigrationList } from './migrations-directory.js';
import { withSchemaEngine } from './schema-engine.js';
import { withSchemaLock } from './schema-lock.js';

export interface ApplyMigrationsOptions {
  connectionString: string;
  /** Postgres schema to migrate; created if missing. */
  schema: string;
  /** Folder holding `<timestamp>_<name>/migration.sql` folders. */
  migrationsDir: string;
  /** Receives the schema engine's JSON log lines. */
  log?: (line: string) => void;
}

export interface ApplyMigrationsResult {
  schema: string;
  /** Migrations applied by this call, in order; empty when the schema was up to date. */
  appliedMigrationNames: string[];
}

export const NO_SCHEMA_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export class MigrationHistoryError extends Error {
  readonly code = 'MIGRATION_HISTORY_CONFLICT';

  constructor(
    readonly schema: string,
    readonly editedMigrationNames: string[],
    readonly failedMigrationNames: string[],
  ) {
    const problems = [
      editedMigrationNames.length > 0
        ? `already applied but changed on disk since (checksum mismatch): ${editedMigrationNames.join(', ')}`
        : undefined,
      failedMigrationNames.length > 0
        ? `failed earlier and must be resolved by hand: ${failedMigrationNames.join(', ')}`
        : undefined,
    ].filter((problem): problem is string => problem !== undefined);
    super(`Migration history of schema "${schema}" conflicts with the migrations folder: ${problems.join('; ')}`);
    this.name = 'MigrationHistoryError';
  }
}

/**
 * Applies the pending migrations of `migrationsDir` to `schema` with Prisma's schema engine
 * (WASM), recording them in `<schema>._prisma_migrations` exactly as `prisma migrate deploy` does.
 * Refuses to run when an applied migration was edited or a previous one failed.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const { connectionString, schema, migrationsDir } = options;
  assertValidSchemaName(schema);
  const migrationsList = await loadMigrationList(migrationsDir);
  return withSchemaLock(connectionString, schema, async (lockHolder) => {
    await lockHolder.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const factory = migrationAdapterFactory(connectionString, schema);
    return withSchemaEngine(factory, { log: options.log }, async (engine) => {
      const history = await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_SCHEMA_FILTER,
      });
      if (history.editedMigrationNames.length > 0 || history.failedMigrationNames.length > 0) {
        throw new MigrationHistoryError(schema, history.editedMigrationNames, history.failedMigrationNames);
      }
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList,
        filters: NO_SCHEMA_FILTER,
      });
      return { schema, appliedMigrationNames };
    });
  });
}
