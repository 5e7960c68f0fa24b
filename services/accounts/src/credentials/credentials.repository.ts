import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { PRISMA } from '@pronote/service-kit';
import type { Account } from '../accounts/account.js';
import { toAccount, toDeliveryRow } from '../accounts/accounts.repository.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { HistoryLine } from '../history/history-line.js';
import type { NewDelivery } from '../notifications/credential-messages.js';

export interface AccountWithCredentials {
  account: Account;
  passwordHash: string;
  credentialsSentAt: Date;
  sprPasswordHash: string | null;
}

/** Password and SPR hashes of accounts. */
@Injectable()
export class CredentialsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async findByHostingNumber(hostingNumber: string): Promise<AccountWithCredentials | null> {
    return this.find({ hostingNumber });
  }

  async findByAccountId(id: string): Promise<AccountWithCredentials | null> {
    return this.find({ id });
  }

  async findByUai(uai: string): Promise<AccountWithCredentials | null> {
    return this.find({ uai });
  }

  /**
   * A new password and the messages carrying it, only if nobody replaced the password since
   * `previousSentAt` (two concurrent resends: one wins). False when it lost the race.
   */
  async replacePassword(
    accountId: string,
    previousSentAt: Date,
    passwordHash: string,
    deliveries: NewDelivery[],
    history: HistoryLine,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.accountCredentials.updateMany({
        where: { accountId, credentialsSentAt: previousSentAt },
        data: { passwordHash, passwordChangedAt: now, credentialsSentAt: now },
      });
      if (count === 0) return false;
      await tx.credentialDelivery.createMany({ data: deliveries.map(toDeliveryRow) });
      await tx.accountHistory.create({ data: history });
      return true;
    });
  }

  /** Compare-and-set on the hash: a concurrent change makes this one fail rather than silently win. */
  async changePassword(accountId: string, previousHash: string, passwordHash: string, history: HistoryLine): Promise<Date | null> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.accountCredentials.updateMany({
        where: { accountId, passwordHash: previousHash },
        data: { passwordHash, passwordChangedAt: now },
      });
      if (count === 0) return null;
      await tx.accountHistory.create({ data: history });
      return now;
    });
  }

  /** `onlyIfUnset`: the first definition wins; null when one existed already. */
  async setSprPassword(accountId: string, sprPasswordHash: string, history: HistoryLine, onlyIfUnset = false, event?: OutboxRecord): Promise<Date | null> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.accountCredentials.updateMany({
        where: { accountId, ...(onlyIfUnset ? { sprPasswordHash: null } : {}) },
        data: { sprPasswordHash, sprChangedAt: now },
      });
      if (count === 0) return null;
      await tx.accountHistory.create({ data: history });
      if (event) await tx.outboxEvent.create({ data: event });
      return now;
    });
  }

  private async find(where: { id?: string; hostingNumber?: string; uai?: string }): Promise<AccountWithCredentials | null> {
    const row = await this.prisma.account.findFirst({ where });
    if (!row) return null;
    const credentials = await this.prisma.accountCredentials.findUnique({ where: { accountId: row.id } });
    if (!credentials) return null;
    return {
      account: toAccount(row),
      passwordHash: credentials.passwordHash,
      credentialsSentAt: credentials.credentialsSentAt,
      sprPasswordHash: credentials.sprPasswordHash,
    };
  }
}
