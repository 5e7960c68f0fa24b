import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { Account as AccountRow, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { HistoryLine } from '../history/history-line.js';
import type { NewDelivery } from '../notifications/credential-messages.js';
import type { Account, NewAccount } from './account.js';
import { openAccountsSql, openingsDocument } from './account-openings.sql.js';
import { UaiAlreadyHostedError } from './accounts.errors.js';
import { GroupCommit, type ItemOutcome, outcomeOf } from './group-commit.js';

export interface AccountOpening {
  account: NewAccount;
  passwordHash: string;
  deliveries: NewDelivery[];
  history: HistoryLine;
  event: OutboxRecord;
}

/** Up to 100 openings per statement, two statements at once (one commits while the next group gathers). */
const OPENINGS_GROUP = { maxBatch: 100, concurrency: 2 };

type OpenedAccountRow = Pick<AccountRow, keyof Account>;

export interface AccountSearch {
  query?: string;
  status?: Account['status'];
  limit: number;
  offset: number;
}

/** The only Prisma caller for accounts: returns plain domain objects, translates constraint errors. */
@Injectable()
export class AccountsRepository {
  private readonly openings = new GroupCommit<AccountOpening, Account>((openings) => this.openGroup(openings), OPENINGS_GROUP);

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * The account, its password hash, the messages carrying its credentials, its history line and its
   * event: all or nothing. Openings requested at the same time share one statement and one commit
   * (see `GroupCommit`); each caller gets its own account or its own error.
   */
  create(opening: AccountOpening): Promise<Account> {
    return this.openings.submit(opening);
  }

  /** One statement for the group; an opening it had to leave out (a value already taken) is retried alone for its own error. */
  private async openGroup(openings: AccountOpening[]): Promise<Array<ItemOutcome<Account>>> {
    if (openings.length === 1) return [await outcomeOf(() => this.openAlone(openings[0]!))];
    let rows: OpenedAccountRow[];
    try {
      rows = await this.prisma.$queryRawUnsafe<OpenedAccountRow[]>(openAccountsSql('skip'), openingsDocument(openings));
    } catch {
      // e.g. a value one opening cannot store: the others must not fail with it.
      return Promise.all(openings.map((opening) => outcomeOf(() => this.openAlone(opening))));
    }
    const opened = new Map(rows.map((row) => [row.id, row]));
    return Promise.all(
      openings.map((opening) => {
        const row = opened.get(opening.account.id);
        return row ? { ok: true as const, value: toAccount(row) } : outcomeOf(() => this.openAlone(opening));
      }),
    );
  }

  private async openAlone(opening: AccountOpening): Promise<Account> {
    try {
      const [row] = await this.prisma.$queryRawUnsafe<OpenedAccountRow[]>(openAccountsSql('raise'), openingsDocument([opening]));
      return toAccount(row!);
    } catch (error) {
      if (isUniqueViolation(error) && (await this.uaiTaken(opening.account.uai))) throw new UaiAlreadyHostedError(opening.account.uai);
      throw error;
    }
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.prisma.account.findUnique({ where: { id } });
    return row ? toAccount(row) : null;
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

export function toAccount(row: Pick<AccountRow, keyof Account>): Account {
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
