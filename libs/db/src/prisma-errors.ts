// Prisma 7 over a driver adapter reports database failures in several shapes depending on the call:
// - model queries: PrismaClientKnownRequestError with code P2002 / P2025, the adapter's error
//   under `meta.driverAdapterError.cause` (e.g. { kind: 'UniqueConstraintViolation',
//   originalCode: '23505', constraint: { index: 'authors_email_key' } });
// - raw queries ($executeRaw, $queryRaw): code P2010 with the same `meta.driverAdapterError`;
// - adapter-level calls: a DriverAdapterError whose `cause` is that object;
// - plain `pg` calls: a DatabaseError carrying the SQLSTATE in `code`.
// These helpers look at all of them, so callers never depend on which path raised the error.

const PG_UNIQUE_VIOLATION = '23505';

interface AdapterErrorCause {
  kind?: unknown;
  /** SQLSTATE, on causes the adapter mapped to a kind. */
  originalCode?: unknown;
  /** SQLSTATE, on causes of kind 'postgres' (not mapped). */
  code?: unknown;
  constraint?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function prismaCode(error: unknown): string | undefined {
  const code = asRecord(error)?.['code'];
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
}

function adapterCause(error: unknown): AdapterErrorCause | undefined {
  const record = asRecord(error);
  const fromMeta = asRecord(asRecord(asRecord(record?.['meta'])?.['driverAdapterError'])?.['cause']);
  if (fromMeta) return fromMeta;
  if (record?.['name'] === 'DriverAdapterError') return asRecord(record['cause']);
  return undefined;
}

function sqlState(error: unknown): string | undefined {
  const cause = adapterCause(error);
  if (typeof cause?.originalCode === 'string') return cause.originalCode;
  if (cause?.kind === 'postgres' && typeof cause.code === 'string') return cause.code;
  const code = asRecord(error)?.['code'];
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** True when the error comes from a unique constraint (Prisma P2002 or Postgres 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    prismaCode(error) === 'P2002' ||
    adapterCause(error)?.kind === 'UniqueConstraintViolation' ||
    sqlState(error) === PG_UNIQUE_VIOLATION
  );
}

/** True when a record required by the operation does not exist (Prisma P2025, e.g. update/delete/findUniqueOrThrow). */
export function isNotFound(error: unknown): boolean {
  return prismaCode(error) === 'P2025';
}

/** Name of the unique index or constraint a unique violation hit (to tell which value collided). */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const constraint = asRecord(adapterCause(error)?.constraint);
  if (typeof constraint?.['index'] === 'string') return constraint['index'];
  const pgConstraint = asRecord(error)?.['constraint'];
  return typeof pgConstraint === 'string' ? pgConstraint : undefined;
}
