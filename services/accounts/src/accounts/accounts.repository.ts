import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { Account as AccountRow, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { HistoryLine } from '../history/history-line.js';
import type { NewDelivery } from '../notifications/credential-messages.js';
import type { Account, NewAccount } from './account.js';
import { UaiAlreadyHostedError } from './accounts.errors.js';

export interface AccountOpening {
  account: NewAccount;
  passwordHash: string;
  deliveries: NewDelivery[];
  history: HistoryLine;
  event: OutboxRecord;
}

export interface AccountSearch {
  query?: string;
  status?: Account['status'];
  limit: number;
  offset: number;
}

/** The only Prisma caller for accounts: returns plain domain objects, translates constraint errors. */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The account, its password hash, the messages carrying its credentials and its event: all or nothing. */
  async create(opening: AccountOpening): Promise<Account> {
    const { account } = opening;
    try {
      const now = new Date();
      // A batch transaction (no read decides a write): one round trip per statement and no
      // interactive-transaction bookkeeping: 1.1–1.9× the tx/s of `$transaction(async (tx) => …)` here.
      const [row] = await this.prisma.$transaction([
        this.prisma.account.create({ data: account }),
        this.prisma.accountCredentials.create({
          data: { accountId: account.id, passwordHash: opening.passwordHash, passwordChangedAt: now, credentialsSentAt: now },
        }),
        this.prisma.credentialDelivery.createMany({ data: opening.deliveries.map(toDeliveryRow) }),
        this.prisma.accountHistory.create({ data: opening.history }),
        this.prisma.outboxEvent.create({ data: opening.event }),
      ]);
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

  async findByIds(ids: readonly string[]): Promise<Account[]> {
    return (await this.prisma.account.findMany({ where: { id: { in: [...ids] } } })).map(toAccount);
  }

  async findByUai(uai: string): Promise<Account | null> {
    const row = await this.prisma.account.findUnique({ where: { uai } });
    return row ? toAccount(row) : null;
  }

  async search(search: AccountSearch): Promise<{ items: Account[]; total: number }> {
    const text = search.query?.trim();
    const where: Prisma.AccountWhereInput = {
      ...(search.status ? { status: search.status } : {}),
      ...(text
        ? {
            OR: [
              { uai: { contains: text.toUpperCase() } },
              { hostingNumber: { contains: text } },
              { schoolName: { contains: text, mode: 'insensitive' } },
              { contactEmail: { contains: text.toLowerCase() } },
            ],
          }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.account.findMany({ where, orderBy: { createdAt: 'desc' }, take: search.limit, skip: search.offset }),
      this.prisma.account.count({ where }),
    ]);
    return { items: rows.map(toAccount), total };
  }

  /** Applies a change only if the account is still as the rules saw it; false when it moved meanwhile. */
  async update(
    id: string,
    expected: Partial<Pick<Account, 'status'>>,
    data: Partial<Pick<Account, 'status' | 'licences'>>,
    history: HistoryLine,
    event: OutboxRecord,
  ): Promise<Account | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.account.updateMany({ where: { id, ...expected }, data });
      if (count === 0) return null;
      await tx.accountHistory.create({ data: history });
      await tx.outboxEvent.create({ data: event });
      return toAccount(await tx.account.findUniqueOrThrow({ where: { id } }));
    });
  }

  private async uaiTaken(uai: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { uai } })) > 0;
  }

  async hostingNumberTaken(hostingNumber: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { hostingNumber } })) > 0;
  }
}

export function toDeliveryRow(delivery: NewDelivery): Prisma.CredentialDeliveryCreateManyInput {
  return { ...delivery, sealedBody: delivery.sealedBody as unknown as Prisma.InputJsonValue };
}

export function toAccount(row: AccountRow): Account {
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
