import { Inject, Injectable } from '@nestjs/common';
import { claimMessage, claimMessages } from '@pronote/bus';
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
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      await tx.tenant.upsert({
        where: { uai: tenant.uai },
        create: tenant,
        update: { schoolName: tenant.schoolName, accountId: tenant.accountId },
      });
      return true;
    });
  }

  /**
   * `recordFromEvent` for a batch of events, in one transaction and three statements whatever its
   * size: claims the message ids, then writes the tenants of the claimed ones (the last event of a
   * school wins, as if applied one after the other). Returns the ids applied.
   */
  async recordFromEvents(consumer: string, events: ReadonlyArray<{ messageId: string; tenant: Omit<Tenant, 'recordedAt'> }>): Promise<Set<string>> {
    return this.prisma.$transaction(async (tx) => {
      const claimed = await claimMessages(tx, consumer, events.map(({ messageId }) => messageId));
      const latestBySchool = new Map(events.filter(({ messageId }) => claimed.has(messageId)).map(({ tenant }) => [tenant.uai, tenant]));
      const tenants = [...latestBySchool.values()].sort((a, b) => a.uai.localeCompare(b.uai)); // one lock order
      if (tenants.length > 0) {
        await tx.$executeRaw`
          INSERT INTO "Tenant" ("uai", "accountId", "schoolName")
          SELECT * FROM unnest(${tenants.map((t) => t.uai)}::text[], ${tenants.map((t) => t.accountId)}::uuid[], ${tenants.map((t) => t.schoolName)}::text[])
          ON CONFLICT ("uai") DO UPDATE SET "schoolName" = EXCLUDED."schoolName", "accountId" = EXCLUDED."accountId"`;
      }
      return claimed;
    });
  }

  async findByUai(uai: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { uai } });
  }

  async findByAccount(accountId: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { accountId } });
  }

  async findByAccounts(accountIds: readonly string[]): Promise<Tenant[]> {
    return this.prisma.tenant.findMany({ where: { accountId: { in: [...accountIds] } } });
  }
}
