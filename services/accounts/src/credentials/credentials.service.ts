import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AccountErrorCode, DomainError } from '@pronote/contracts';
import type { Account } from '../accounts/account.js';
import { AccountNotFoundError, AccountSuspendedError } from '../accounts/accounts.errors.js';
import type { KeyEncryptionKeyring } from '../certificates/authority/key-sealing.js';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG, KEYRING } from '../config/settings.module.js';
import { historyLine } from '../history/history-line.js';
import { credentialDeliveries } from '../notifications/credential-messages.js';
import { DeliveriesRepository } from '../notifications/deliveries.repository.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.js';
import { generatePassword } from './console-password.js';
import { CredentialsInvalidError, ResendTooOftenError } from './credentials.errors.js';
import { type AccountWithCredentials, CredentialsRepository } from './credentials.repository.js';
import { hashPassword, verifyPassword } from './password-hash.js';

/** Hosting password (console) and SPR password (bases): argon2id hashes only, rules in one place. */
@Injectable()
export class CredentialsService implements OnModuleInit {
  /** Verified against when the hosting number is unknown, so both failures cost one argon2 run. */
  private decoyHash = '';

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly dispatcher: NotificationDispatcher,
    @Inject(KEYRING) private readonly keyring: KeyEncryptionKeyring,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await hashPassword(generatePassword());
  }

  /** Hosting number + password → the account; CREDENTIALS_INVALID whatever was wrong, ACCOUNT_SUSPENDED only after a right password. */
  async authenticate(hostingNumber: string, password: string): Promise<Account> {
    const found = await this.credentials.findByHostingNumber(hostingNumber);
    const valid = await verifyPassword(found?.passwordHash ?? this.decoyHash, password);
    if (!found || !valid) throw new CredentialsInvalidError();
    if (found.account.status === 'suspended') throw new AccountSuspendedError();
    return found.account;
  }

  async resend(uai: string): Promise<{ sentTo: { sms: string; email: string } }> {
    const found = await this.credentials.findByUai(uai);
    if (!found) throw new AccountNotFoundError(uai);
    if (found.account.status === 'suspended') throw new AccountSuspendedError();
    const waitMs = found.credentialsSentAt.getTime() + this.config.CREDENTIALS_RESEND_INTERVAL_MS - Date.now();
    if (waitMs > 0) throw new ResendTooOftenError(Math.ceil(waitMs / 1000));
    const password = generatePassword();
    const { account } = found;
    const replaced = await this.credentials.replacePassword(
      account.id,
      found.credentialsSentAt,
      await hashPassword(password),
      credentialDeliveries(
        { accountId: account.id, uai, hostingNumber: account.hostingNumber, password, phone: account.contactPhone, email: account.contactEmail, purpose: 'credentials_resent' },
        this.keyring,
      ),
      historyLine(account.id, 'credentials.resent'),
    );
    if (!replaced) throw new ResendTooOftenError(Math.ceil(this.config.CREDENTIALS_RESEND_INTERVAL_MS / 1000));
    this.dispatcher.notify();
    return { sentTo: { sms: maskPhone(account.contactPhone), email: maskEmail(account.contactEmail) } };
  }

  async changePassword(accountId: string, oldPassword: string, newPassword: string): Promise<{ changedAt: string }> {
    const found = await this.existing(accountId);
    if (!(await verifyPassword(found.passwordHash, oldPassword))) throw new CredentialsInvalidError();
    const changedAt = await this.credentials.changePassword(accountId, found.passwordHash, await hashPassword(newPassword), historyLine(accountId, 'credentials.password_changed'));
    if (!changedAt) throw new CredentialsInvalidError();
    return { changedAt: changedAt.toISOString() };
  }

  async setSprPassword(accountId: string, password: string): Promise<{ changedAt: string }> {
    const found = await this.existing(accountId);
    const action = found.sprPasswordHash ? 'spr.password_changed' : 'spr.password_set';
    const changedAt = await this.credentials.setSprPassword(accountId, await hashPassword(password), historyLine(accountId, action));
    if (!changedAt) throw new AccountNotFoundError(accountId);
    return { changedAt: changedAt.toISOString() };
  }

  async sprPasswordStatus(uai: string): Promise<{ isSet: boolean }> {
    const found = await this.credentials.findByUai(uai);
    if (!found) throw new AccountNotFoundError(uai);
    return { isSet: found.sprPasswordHash !== null };
  }

  async defineInitialSprPassword(uai: string, password: string): Promise<{ changedAt: string }> {
    const found = await this.credentials.findByUai(uai);
    if (!found) throw new AccountNotFoundError(uai);
    const accountId = found.account.id;
    const changedAt = found.sprPasswordHash
      ? null
      : await this.credentials.setSprPassword(accountId, await hashPassword(password), historyLine(accountId, 'spr.password_set', { by: 'first putting in service' }), true);
    if (!changedAt) throw new DomainError(AccountErrorCode.SPR_PASSWORD_ALREADY_SET, 'the SPR password is already defined: change it from "Mon compte"');
    return { changedAt: changedAt.toISOString() };
  }

  async verifySprPassword(uai: string, password: string): Promise<{ valid: boolean; isSet: boolean }> {
    const found = await this.credentials.findByUai(uai);
    const valid = await verifyPassword(found?.sprPasswordHash ?? this.decoyHash, password);
    return { valid: Boolean(found?.sprPasswordHash) && valid, isSet: Boolean(found?.sprPasswordHash) };
  }

  async deliveriesOf(accountId: string) {
    await this.existing(accountId);
    return { items: await this.deliveries.listForAccount(accountId) };
  }

  private async existing(accountId: string): Promise<AccountWithCredentials> {
    const found = await this.credentials.findByAccountId(accountId);
    if (!found) throw new AccountNotFoundError(accountId);
    return found;
  }
}

function maskPhone(phone: string): string {
  return `${phone.slice(0, 4)}••••${phone.slice(-2)}`;
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
