import { Inject, Injectable } from '@nestjs/common';
import { claimMessage } from '@pronote/bus';
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

  async findByUai(uai: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { uai } });
  }

  async findByAccount(accountId: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { accountId } });
  }
}
