// Schema names end up in SQL identifiers and in the libpq `options` string, where quoting is
// awkward; restricting them to plain lower-case identifiers keeps both safe without escaping.
const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertValidSchemaName(schema: string): void {
  if (!SCHEMA_NAME_PATTERN.test(schema)) {
    throw new Error(
      `Invalid Postgres schema name "${schema}": use lower-case letters, digits and "_" (max 63, not starting with a digit)`,
    );
  }
}

/** libpq startup option making unqualified names (raw SQL, migration scripts) resolve to `schema`. */
export function searchPathOption(schema: string): string {
  assertValidSchemaName(schema);
  return `-c search_path=${schema}`;
}
