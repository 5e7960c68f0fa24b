import { Inject, Injectable } from '@nestjs/common';
import { claimMessage } from '@pronote/bus';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';
import { DEFAULT_ADMIN_RESERVE } from '../licences/licence-rules.js';
import type { School } from './school.js';
import { SchoolNotFoundError } from './schools.errors.js';

@Injectable()
export class SchoolsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Records the school once per event (the event id is claimed in the same transaction). */
  async recordFromEvent(consumer: string, messageId: string, school: { uai: string; accountId: string; licences: number }): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      await tx.school.upsert({
        where: { uai: school.uai },
        create: { ...school, adminReserve: Math.min(DEFAULT_ADMIN_RESERVE, school.licences) },
        update: { accountId: school.accountId, licences: school.licences },
      });
      return true;
    });
  }

  /**
   * A licence change; the reserve is lowered with it so that it never exceeds N. An unknown school
   * throws (rolling the claim back): the event is retried once the account event is applied.
   */
  async setLicencesFromEvent(consumer: string, messageId: string, uai: string, licences: number): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      const school = await tx.school.findUnique({ where: { uai } });
      if (!school) throw new SchoolNotFoundError(uai);
      await tx.school.update({ where: { uai }, data: { licences, adminReserve: Math.min(school.adminReserve, licences) } });
      return true;
    });
  }

  async findByUai(uai: string): Promise<School | null> {
    return this.prisma.school.findUnique({ where: { uai } });
  }

  async setHostingNumber(uai: string, hostingNumber: string): Promise<void> {
    await this.prisma.school.update({ where: { uai }, data: { hostingNumber } });
  }
}
