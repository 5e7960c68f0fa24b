/**
 * A run's three statements as named prepared statements (parsed and planned once per connection of
 * the runs pool). Their parameters are listed by the repository methods that use them.
 */

/** $1 base id → the base and its newest complete backup (slot, last entry, rotation index). */
export const BASE_WITH_NEWEST_BACKUP = {
  name: 'backups-run-base-with-newest-backup',
  text: `
    SELECT b."baseId", b."uai", b."name", b."schoolYear", b."inService", b."monitoredSince", b."lastBackupAt", b."lastArchiveAt",
           n."slot" AS "newestSlot", n."lastEntryAt" AS "newestLastEntryAt", n."rotationIndex" AS "newestRotationIndex"
    FROM "ScheduledBase" b
    LEFT JOIN LATERAL (
      SELECT p."slot", p."lastEntryAt", p."rotationIndex" FROM "RestorePoint" p
      WHERE p."baseId" = b."baseId" AND p."kind" = 'backup' AND p."status" = 'complete'
      ORDER BY p."slot" DESC LIMIT 1
    ) n ON true
    WHERE b."baseId" = $1::uuid`,
} as const;

/**
 * $1 new id, $2 uai, $3 base id, $4 kind, $5 slot, $6 file name, $7 object key → the run's row, created
 * pending or the existing one with one more attempt.
 */
export const CLAIM_RUN = {
  name: 'backups-run-claim',
  text: `
    INSERT INTO "RestorePoint" ("id", "uai", "baseId", "kind", "slot", "status", "fileName", "objectKey", "attempts")
    VALUES ($1::uuid, $2::text, $3::uuid, $4::"RestorePointKind", $5::timestamptz, 'pending', $6::text, $7::text, 1)
    ON CONFLICT ("baseId", "slot", "kind") DO UPDATE SET
      "attempts" = "RestorePoint"."attempts" + 1,
      "status" = CASE WHEN "RestorePoint"."status" = 'failed' THEN 'pending' ELSE "RestorePoint"."status" END,
      "fileName" = CASE WHEN "RestorePoint"."status" = 'failed' THEN EXCLUDED."fileName" ELSE "RestorePoint"."fileName" END
    RETURNING *`,
} as const;

/**
 * $1 point id, $2 size, $3 sha256, $4 statistics (JSON), $5 base created at, $6 last entry at,
 * $7 rotation index, $8 annexes (JSON), $9 completed at, $10 outbox id, $11 outbox subject,
 * $12 outbox envelope (JSON), $13 the scheduled kind to record on the base ('backup', 'archive' or null)
 * → every point of the base as the completion left them, with the school's retention override.
 */
export const MARK_COMPLETE = {
  name: 'backups-run-mark-complete',
  text: `
    WITH completed AS (
      UPDATE "RestorePoint" SET
        "status" = 'complete', "sizeBytes" = $2::bigint, "sha256" = $3::text,
        "statistics" = $4::jsonb, "baseCreatedAt" = $5::timestamptz,
        "lastEntryAt" = $6::timestamptz, "rotationIndex" = $7::integer,
        "annexes" = $8::jsonb, "completedAt" = $9::timestamptz, "verifiedAt" = $9::timestamptz, "lastError" = NULL
      WHERE "id" = $1::uuid
      RETURNING *
    ), published AS (
      INSERT INTO "OutboxEvent" ("id", "subject", "envelope")
      SELECT $10::uuid, $11::text, $12::jsonb FROM completed
    ), recorded AS (
      UPDATE "ScheduledBase" SET
        "lastBackupAt" = CASE WHEN $13::text = 'backup' THEN $9::timestamptz ELSE "lastBackupAt" END,
        "lastArchiveAt" = CASE WHEN $13::text = 'archive' THEN $9::timestamptz ELSE "lastArchiveAt" END,
        "updatedAt" = $9::timestamptz
      WHERE "baseId" = (SELECT "baseId" FROM completed) AND $13::text IS NOT NULL
    ), points AS (
      SELECT * FROM completed
      UNION ALL
      SELECT p.* FROM "RestorePoint" p JOIN completed c ON p."baseId" = c."baseId" AND p."id" <> c."id"
    )
    SELECT points.*, (SELECT o."policy" FROM "RetentionOverride" o WHERE o."uai" = points."uai") AS "retentionOverride"
    FROM points`,
} as const;
