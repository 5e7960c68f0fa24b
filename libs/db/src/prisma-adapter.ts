import { PrismaPg } from '@prisma/adapter-pg';
import { searchPathOption } from './schema-name.js';

export interface PrismaAdapterOptions {
  connectionString: string;
  /** Postgres schema holding the service's tables (the service name, or a per-test schema). */
  schema: string;
  poolMax?: number;
  /** How long to wait for a free pooled connection before failing (pg waits forever by default). */
  connectionTimeoutMillis?: number;
  idleTimeoutMillis?: number;
  /** Server-side guard against a transaction left open by a crashed or stuck request. */
  idleInTransactionSessionTimeoutMillis?: number;
  statementTimeoutMillis?: number;
  applicationName?: string;
  /** Called when an idle pooled connection fails (e.g. the server restarted). */
  onPoolError?: (error: Error) => void;
}

export const DEFAULT_POOL_SETTINGS = {
  poolMax: 10,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  idleInTransactionSessionTimeoutMillis: 60_000,
} as const;

function reportPoolError(error: Error): void {
  console.error(`[@pronote/db] idle Postgres connection failed: ${error.message}`);
}

/** A PrismaPg adapter factory for `new PrismaClient({ adapter })`, bound to one schema. */
export function createPrismaAdapter(options: PrismaAdapterOptions): PrismaPg {
  const onPoolError = options.onPoolError ?? reportPoolError;
  return new PrismaPg(
    {
      connectionString: options.connectionString,
      max: options.poolMax ?? DEFAULT_POOL_SETTINGS.poolMax,
      connectionTimeoutMillis:
        options.connectionTimeoutMillis ?? DEFAULT_POOL_SETTINGS.connectionTimeoutMillis,
      idleTimeoutMillis: options.idleTimeoutMillis ?? DEFAULT_POOL_SETTINGS.idleTimeoutMillis,
      idle_in_transaction_session_timeout:
        options.idleInTransactionSessionTimeoutMillis ??
        DEFAULT_POOL_SETTINGS.idleInTransactionSessionTimeoutMillis,
      ...(options.statementTimeoutMillis === undefined
        ? {}
        : { statement_timeout: options.statementTimeoutMillis }),
      ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
      // Prisma qualifies its own queries with `schema`; the search path does the same for raw SQL.
      options: searchPathOption(options.schema),
    },
    { schema: options.schema, onPoolError, onConnectionError: onPoolError },
  );
}
