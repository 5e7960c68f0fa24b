import { Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { AccountCreated, type AccountView, type CreateAccountRequest } from '@pronote/contracts';
import { correlationId, currentContext } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import { randomUUID } from 'node:crypto';
import { generateHostingNumber } from '../credentials/hosting-number.js';
import type { Account } from './account.js';
import { AccountNotFoundError } from './accounts.errors.js';
import { AccountsRepository } from './accounts.repository.js';

/** Rules of hosting accounts: one per school (UAI), a unique 12-digit hosting number, an event per change. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(request: CreateAccountRequest): Promise<AccountView> {
    const id = randomUUID();
    const hostingNumber = await this.freshHostingNumber();
    const event = outboxRecord(
      AccountCreated,
      { accountId: id, uai: request.uai, schoolName: request.schoolName, licences: request.licences, createdAt: new Date().toISOString() },
      { correlationId: correlationId(), causationId: currentContext()?.causationId ?? null },
    );
    const account = await this.accounts.create({ id, hostingNumber, ...request }, event);
    this.outbox.notify();
    return toView(account);
  }

  async get(accountId: string): Promise<AccountView> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    return toView(account);
  }

  private async freshHostingNumber(): Promise<string> {
    // 9·10^11 possibilities: a collision is rare, but a hosting number must never be shared.
    for (;;) {
      const candidate = generateHostingNumber();
      if (!(await this.accounts.hostingNumberTaken(candidate))) return candidate;
    }
  }
}

export function toView(account: Account): AccountView {
  return { ...account, createdAt: account.createdAt.toISOString() };
}
