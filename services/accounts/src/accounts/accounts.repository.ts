import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { Account as AccountRow, PrismaClient } from '../generated/prisma/client.js';
import type { Account, NewAccount } from './account.js';
import { UaiAlreadyHostedError } from './accounts.errors.js';

/** The only Prisma caller for accounts: returns plain domain objects, translates constraint errors. */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Inserts the account and its event in one transaction: both or neither. */
  async create(account: NewAccount, event: OutboxRecord): Promise<Account> {
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const created = await tx.account.create({ data: account });
        await tx.outboxEvent.create({ data: event });
        return created;
      });
      return toAccount(row);
    } catch (error) {
      if (isUniqueViolation(error) && (await this.uaiTaken(account.uai))) throw new UaiAlreadyHostedError(account.uai);
      throw error;
    }
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.prisma.account.findUnique({ where: { id } });
    return row ? toAccount(row) : null;
  }

  private async uaiTaken(uai: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { uai } })) > 0;
  }

  async hostingNumberTaken(hostingNumber: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { hostingNumber } })) > 0;
  }
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    uai: row.uai,
    schoolName: row.schoolName,
    hostingNumber: row.hostingNumber,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    licences: row.licences,
    status: row.status,
    createdAt: row.createdAt,
  };
}
