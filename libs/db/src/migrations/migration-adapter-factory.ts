import { randomBytes } from 'node:crypto';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { assertValidSchemaName } from '../schema-name.js';
import { openMigrationConnection } from './migration-connection.js';

/** Adapter factory handed to the schema engine to migrate `schema`; it never needs a shadow. */
export function migrationAdapterFactory(
  connectionString: string,
  schema: string,
): SqlMigrationAwareDriverAdapterFactory {
  assertValidSchemaName(schema);
  return {
    provider: 'postgres',
    adapterName: '@pronote/db',
    connect: () => openMigrationConnection({ connectionString, schema }),
    connectToShadowDb: () => Promise.reject(new Error('Applying migrations needs no shadow database')),
  };
}

/**
 * Adapter factory for diffing the migration history against a Prisma schema. The "shadow
 * database" where the engine replays the history is a throw-away schema in the same database
 * (PrismaPg's own shadow database ignores the database name when given a connection string, and
 * would replay the history into the main database's `public` schema). The main connection names
 * that same schema, so the engine compares like with like instead of adding a CREATE SCHEMA step.
 */
export function shadowDiffAdapterFactory(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  const shadowSchema = temporarySchemaName('prisma_shadow');
  const dropShadowSchema = () => runStatement(connectionString, `DROP SCHEMA IF EXISTS "${shadowSchema}" CASCADE`);
  return {
    provider: 'postgres',
    adapterName: '@pronote/db',
    // The engine creates a missing schema as soon as it connects, so both ends drop it when done.
    connect: () =>
      openMigrationConnection({ connectionString, schema: shadowSchema, afterDispose: dropShadowSchema }),
    connectToShadowDb: () => openShadowSchema(connectionString, shadowSchema),
  };
}

export function temporarySchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

async function openShadowSchema(connectionString: string, shadowSchema: string): Promise<SqlDriverAdapter> {
  await runStatement(connectionString, `CREATE SCHEMA IF NOT EXISTS "${shadowSchema}"`);
  return openMigrationConnection({
    connectionString,
    schema: shadowSchema,
    afterDispose: () => runStatement(connectionString, `DROP SCHEMA IF EXISTS "${shadowSchema}" CASCADE`),
  });
}

export async function runStatement(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
