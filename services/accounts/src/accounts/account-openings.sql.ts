import type { AccountOpening } from './accounts.repository.js';

/**
 * Account openings as ONE statement (hence one transaction and one commit, whatever their number):
 * the accounts, then for each account actually inserted its credentials, credential messages,
 * history line and outbox event. Postgres runs every data-modifying CTE to completion in the same
 * snapshot, so an opening is written whole or not at all.
 *
 * Parameter $1: the openings as a JSON array (see `openingsDocument`). Returns the inserted accounts.
 * `onConflict: 'skip'` leaves out an opening whose UAI, hosting number or id is taken (its caller is
 * answered separately); `'raise'` fails the statement with the unique violation.
 */
export function openAccountsSql(onConflict: 'skip' | 'raise'): string {
  return `
WITH opening AS (
  SELECT doc FROM jsonb_array_elements($1::jsonb) AS doc
), account AS (
  INSERT INTO "Account" ("id", "uai", "schoolName", "hostingNumber", "contactEmail", "contactPhone", "licences", "updatedAt")
  SELECT a."id", a."uai", a."schoolName", a."hostingNumber", a."contactEmail", a."contactPhone", a."licences", now()
  FROM opening, jsonb_populate_record(NULL::"Account", opening.doc->'account') AS a
  ${onConflict === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}
  RETURNING "id", "uai", "schoolName", "hostingNumber", "contactEmail", "contactPhone", "licences", "status"::text AS "status", "createdAt"
), opened AS (
  SELECT opening.doc FROM opening JOIN account ON account."id" = (opening.doc->'account'->>'id')::uuid
), credentials AS (
  INSERT INTO "AccountCredentials" ("accountId", "passwordHash", "passwordChangedAt", "credentialsSentAt")
  SELECT (doc->'account'->>'id')::uuid, doc->>'passwordHash', now(), now() FROM opened
), delivery AS (
  INSERT INTO "CredentialDelivery" ("id", "accountId", "channel", "purpose", "recipient", "sealedBody")
  SELECT d."id", d."accountId", d."channel", d."purpose", d."recipient", d."sealedBody"
  FROM opened, jsonb_populate_recordset(NULL::"CredentialDelivery", opened.doc->'deliveries') AS d
), history AS (
  INSERT INTO "AccountHistory" ("id", "accountId", "action", "details")
  SELECT h."id", h."accountId", h."action", h."details"
  FROM opened, jsonb_populate_record(NULL::"AccountHistory", opened.doc->'history') AS h
), outbox AS (
  INSERT INTO "OutboxEvent" ("id", "subject", "envelope")
  SELECT e."id", e."subject", e."envelope"
  FROM opened, jsonb_populate_record(NULL::"OutboxEvent", opened.doc->'event') AS e
)
SELECT * FROM account`;
}

/**
 * The `$1` of `openAccountsSql`, sorted by UAI: concurrent statements then take the unique-index
 * locks in the same order and cannot deadlock on a school submitted twice.
 */
export function openingsDocument(openings: readonly AccountOpening[]): string {
  const sorted = [...openings].sort((a, b) => (a.account.uai < b.account.uai ? -1 : a.account.uai > b.account.uai ? 1 : 0));
  return JSON.stringify(sorted);
}
