/**
 * Processed message ids, kept per consumer so that a redelivered event changes state once.
 * Each service declares this table in its Prisma schema (see libs/bus/README.md):
 *
 *   model ProcessedMessage {
 *     consumer    String
 *     messageId   String
 *     processedAt DateTime @default(now()) @db.Timestamptz(6)
 *     @@id([consumer, messageId])
 *   }
 */
export const PROCESSED_MESSAGE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "ProcessedMessage" (
  "consumer" TEXT NOT NULL,
  "messageId" TEXT NOT NULL,
  "processedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "ProcessedMessage_pkey" PRIMARY KEY ("consumer", "messageId")
)`;

/** The part of a Prisma client or interactive-transaction client that `claimMessage` needs. */
export interface RawExecutor {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/**
 * Records that `consumer` handled `messageId`; false if it already had. Call it first inside the
 * transaction that applies the effect: a concurrent duplicate waits on the row lock, then sees the
 * conflict (or claims it, if the first transaction rolled back).
 *
 *   await prisma.$transaction(async (tx) => {
 *     if (!(await claimMessage(tx, 'bases.on-account-created', event.envelope.id))) return;
 *     await tx.base.create(...);
 *   });
 */
export async function claimMessage(tx: RawExecutor, consumer: string, messageId: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "ProcessedMessage" ("consumer", "messageId") VALUES (${consumer}, ${messageId}) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** The part of a Prisma client or transaction client that `claimMessages` needs. */
export interface RawQuerier {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/**
 * `claimMessage` for a batch, in one statement: returns the ids this call claimed (the others were
 * handled before). Ids are inserted in sorted order so that two batches sharing ids lock them in the
 * same order and cannot deadlock.
 */
export async function claimMessages(tx: RawQuerier, consumer: string, messageIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(messageIds)].sort();
  if (ids.length === 0) return new Set();
  const claimed = await tx.$queryRaw<Array<{ messageId: string }>>`
    INSERT INTO "ProcessedMessage" ("consumer", "messageId")
    SELECT ${consumer}, unnest(${ids}::text[])
    ON CONFLICT DO NOTHING RETURNING "messageId"`;
  return new Set(claimed.map((row) => row.messageId));
}
