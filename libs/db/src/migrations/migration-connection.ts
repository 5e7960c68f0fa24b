import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { searchPathOption } from '../schema-name.js';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

export interface MigrationConnectionOptions {
  connectionString: string;
  schema: string;
  /** Runs after the connection is closed (used to drop a shadow schema). */
  afterDispose?: () => Promise<void>;
}

/**
 * The schema engine's view of the database while it migrates one schema. It differs from a plain
 * PrismaPg adapter on three points, each of which breaks the engine otherwise:
 * - one single connection: the engine's session-level advisory lock must be held by the session
 *   that runs the migration, until we close it;
 * - a migration script is sent whole (PrismaPg splits it on every ";", even inside strings or
 *   function bodies), so Postgres runs it as one implicit transaction, like Prisma's native engine;
 * - catalog columns of type "char" (pg_constraint.contype, ...) are reported as text, a type
 *   PrismaPg 7.10 refuses when the engine describes a schema.
 */
export async function openMigrationConnection(
  options: MigrationConnectionOptions,
): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 30_000,
    options: searchPathOption(options.schema),
  });
  pool.on('error', () => undefined);
  reportCharColumnsAsText(pool);
  const inner = await new PrismaPg(pool, { schema: options.schema }).connect();
  return new MigrationConnection(inner, pool, options.afterDispose);
}

function reportCharColumnsAsText(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  const retyped = async (config: pg.QueryConfig): Promise<pg.QueryResult> => {
    const result = await query(config);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  (pool as unknown as { query: typeof retyped }).query = retyped;
}

class MigrationConnection implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  private disposed = false;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly pool: pg.Pool,
    private readonly afterDispose?: () => Promise<void>,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async executeScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.inner.dispose();
    await this.pool.end();
    await this.afterDispose?.();
  }
}

function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError) || error.code === undefined) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code,
    severity: error.severity ?? 'ERROR',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}
