/**
 * The transactional outbox. Each service declares it in its Prisma schema (see libs/bus/README.md):
 *
 *   model OutboxEvent {
 *     id          String    @id @db.Uuid
 *     subject     String
 *     envelope    Json
 *     createdAt   DateTime  @default(now()) @db.Timestamptz(6)
 *     publishedAt DateTime? @db.Timestamptz(6)
 *     attempts    Int       @default(0)
 *     lastError   String?
 *     @@index([publishedAt, createdAt])
 *   }
 */
export const OUTBOX_EVENT_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "OutboxEvent" (
  "id" UUID NOT NULL,
  "subject" TEXT NOT NULL,
  "envelope" JSONB NOT NULL,
  "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "publishedAt" TIMESTAMPTZ(6),
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "lastError" TEXT,
  CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "OutboxEvent_publishedAt_createdAt_idx" ON "OutboxEvent" ("publishedAt", "createdAt")`;
