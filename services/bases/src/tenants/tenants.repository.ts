import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Tenant } from './tenant.js';

@Injectable()
export class TenantsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * Records the school once per event: the message id is claimed in the same transaction, so a
   * redelivered or republished event changes nothing.
   */
  async recordFromEvent(consumer: string, messageId: string, tenant: Omit<Tenant, 'recordedAt'>): Promise<boolean> {
    return (await this.recordFromEvents(consumer, [{ messageId, tenant }])).has(messageId);
  }

  /**
   * `recordFromEvent` for a batch of events, in ONE statement (one round trip, one commit) whatever
   * its size: claims the message ids as `claimMessages` does (sorted, so that two batches sharing ids
   * lock them in the same order), then writes the tenants of the claimed ones (the last event of a
   * school wins, as if applied one after the other). Returns the ids applied.
   */
  async recordFromEvents(consumer: string, events: ReadonlyArray<{ messageId: string; tenant: Omit<Tenant, 'recordedAt'> }>): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const claimed = await this.prisma.$queryRaw<Array<{ messageId: string }>>`
      WITH event AS (
        SELECT * FROM unnest(
          ${events.map((e) => e.messageId)}::text[], ${events.map((e) => e.tenant.uai)}::text[],
          ${events.map((e) => e.tenant.accountId)}::uuid[], ${events.map((e) => e.tenant.schoolName)}::text[]
        ) WITH ORDINALITY AS e("messageId", "uai", "accountId", "schoolName", "position")
      ), claimed AS (
        INSERT INTO "ProcessedMessage" ("consumer", "messageId")
        SELECT DISTINCT ${consumer}, "messageId" FROM event ORDER BY 2
        ON CONFLICT DO NOTHING RETURNING "messageId"
      ), latest AS (
        SELECT DISTINCT ON (event."uai") event."uai", event."accountId", event."schoolName"
        FROM event JOIN claimed USING ("messageId")
        ORDER BY event."uai", event."position" DESC
      ), recorded AS (
        INSERT INTO "Tenant" ("uai", "accountId", "schoolName") SELECT "uai", "accountId", "schoolName" FROM latest
        ON CONFLICT ("uai") DO UPDATE SET "schoolName" = EXCLUDED."schoolName", "accountId" = EXCLUDED."accountId"
      )
      SELECT "messageId" FROM claimed`;
    return new Set(claimed.map((row) => row.messageId));
  }

  async findByUai(uai: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { uai } });
  }
}
