import { Inject, Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import {
  AccountCreated,
  AccountLicencesChanged,
  AccountStatusChanged,
  type AccountView,
  type CreateAccountRequest,
  type ListAccountsRequest,
} from '@pronote/contracts';
import { OutboxPublisher } from '@pronote/service-kit';
import { randomUUID } from 'node:crypto';
import type { KeyEncryptionKeyring } from '../certificates/authority/key-sealing.js';
import { KEYRING } from '../config/settings.module.js';
import { generatePassword } from '../credentials/console-password.js';
import { generateHostingNumber } from '../credentials/hosting-number.js';
import { hashPassword } from '../credentials/password-hash.js';
import { eventMeta } from '../history/event-meta.js';
import { historyLine } from '../history/history-line.js';
import { HistoryRepository } from '../history/history.repository.js';
import { credentialDeliveries } from '../notifications/credential-messages.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.js';
import type { Account } from './account.js';
import { AccountNotFoundError, AccountStatusUnchangedError } from './accounts.errors.js';
import { AccountLookups } from './account-lookups.js';
import { AccountsRepository } from './accounts.repository.js';

/** Rules of hosting accounts: one per school (UAI), a unique 12-digit hosting number, an event per change. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly lookups: AccountLookups,
    private readonly outbox: OutboxPublisher,
    private readonly dispatcher: NotificationDispatcher,
    private readonly history: HistoryRepository,
    @Inject(KEYRING) private readonly keyring: KeyEncryptionKeyring,
  ) {}

  /** Opens the account with a generated password, sent by SMS (hosting number by e-mail) through the notification outbox. */
  async create(request: CreateAccountRequest): Promise<AccountView> {
    const id = randomUUID();
    const hostingNumber = await this.freshHostingNumber();
    const password = generatePassword();
    const event = outboxRecord(
      AccountCreated,
      { accountId: id, uai: request.uai, schoolName: request.schoolName, licences: request.licences, createdAt: new Date().toISOString() },
      eventMeta(),
    );
    const account = await this.accounts.create({
      account: { id, hostingNumber, ...request },
      passwordHash: await hashPassword(password),
      deliveries: credentialDeliveries(
        { accountId: id, uai: request.uai, hostingNumber, password, phone: request.contactPhone, email: request.contactEmail, purpose: 'account_opened' },
        this.keyring,
      ),
      history: historyLine(id, 'account.opened', { uai: request.uai, licences: request.licences }),
      event,
    });
    this.outbox.notify();
    this.dispatcher.notify();
    return toView(account);
  }

  async get(accountId: string): Promise<AccountView> {
    return toView(await this.existing(accountId));
  }

  async getMany(accountIds: readonly string[]): Promise<{ items: AccountView[] }> {
    return { items: (await this.lookups.byIds(accountIds)).map(toView) };
  }

  async getByUai(uai: string): Promise<AccountView> {
    const account = await this.accounts.findByUai(uai);
    if (!account) throw new AccountNotFoundError(uai);
    return toView(account);
  }

  async historyOf(accountId: string, limit: number) {
    await this.existing(accountId);
    return { items: (await this.history.latest(accountId, limit)).map((line) => ({ ...line, at: line.at.toISOString() })) };
  }

  async list(request: ListAccountsRequest): Promise<{ items: AccountView[]; total: number }> {
    const page = await this.accounts.search(request);
    return { items: page.items.map(toView), total: page.total };
  }

  async suspend(accountId: string, reason: string): Promise<AccountView> {
    return this.changeStatus(accountId, 'suspended', reason);
  }

  async reopen(accountId: string): Promise<AccountView> {
    return this.changeStatus(accountId, 'active', null);
  }

  async setLicences(accountId: string, licences: number): Promise<AccountView> {
    const account = await this.existing(accountId);
    const event = outboxRecord(AccountLicencesChanged, { accountId, uai: account.uai, licences }, eventMeta());
    const updated = await this.accounts.update(accountId, {}, { licences }, historyLine(accountId, 'account.licences_set', { from: account.licences, to: licences }), event);
    if (!updated) throw new AccountNotFoundError(accountId);
    this.outbox.notify();
    return toView(updated);
  }

  private async changeStatus(accountId: string, status: Account['status'], reason: string | null): Promise<AccountView> {
    const account = await this.existing(accountId);
    if (account.status === status) throw new AccountStatusUnchangedError(status);
    const event = outboxRecord(AccountStatusChanged, { accountId, uai: account.uai, status, reason }, eventMeta());
    const updated = await this.accounts.update(
      accountId,
      { status: account.status },
      { status },
      historyLine(accountId, status === 'suspended' ? 'account.suspended' : 'account.reopened', { reason }),
      event,
    );
    if (!updated) throw new AccountStatusUnchangedError(status);
    this.outbox.notify();
    return toView(updated);
  }

  private async existing(accountId: string): Promise<Account> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    return account;
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
