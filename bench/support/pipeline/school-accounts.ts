import { outboxRecord } from '@pronote/bus';
import { AccountCreated, uaiCheckLetter } from '@pronote/contracts';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { AccountOpening } from '../../../services/accounts/src/accounts/accounts.repository.js';
import { createKeyEncryptionKeyring, type KeyEncryptionKeyring } from '../../../services/accounts/src/certificates/authority/key-sealing.js';
import { hashPassword } from '../../../services/accounts/src/credentials/password-hash.js';
import { historyLine } from '../../../services/accounts/src/history/history-line.js';
import { credentialDeliveries } from '../../../services/accounts/src/notifications/credential-messages.js';

/**
 * Distinct, valid account openings as `AccountsService.create` hands them to the repository: the
 * account, its password hash, the sealed SMS and e-mail carrying its credentials, its history line and
 * its `hosting.account.created` outbox row. The argon2 hash (~90 ms, before the repository) is
 * computed once and shared: the benchmark measures the pipeline from the repository on.
 */
export class SchoolAccounts {
  private next = randomInt(0, 5_000_000);
  private readonly keyring: KeyEncryptionKeyring = createKeyEncryptionKeyring('bench', { bench: randomBytes(32) });

  private constructor(private readonly passwordHash: string) {}

  static async create(): Promise<SchoolAccounts> {
    return new SchoolAccounts(await hashPassword('bench-password'));
  }

  opening(): AccountOpening {
    const number = this.next++;
    const digits = String(number % 10_000_000).padStart(7, '0');
    const id = randomUUID();
    const account = {
      id,
      uai: `${digits}${uaiCheckLetter(digits)}`,
      schoolName: `Collège ${digits}`,
      hostingNumber: String(100_000_000_000 + number),
      contactEmail: `direction.${digits}@ac-bench.fr`,
      contactPhone: '+33612345678',
      licences: 4,
    };
    const { uai, schoolName, licences, contactPhone, contactEmail, hostingNumber } = account;
    return {
      account,
      passwordHash: this.passwordHash,
      deliveries: credentialDeliveries(
        { accountId: id, uai, hostingNumber, password: 'bench-password', phone: contactPhone, email: contactEmail, purpose: 'account_opened' },
        this.keyring,
      ),
      history: historyLine(id, 'account.opened', { uai, licences }),
      event: outboxRecord(
        AccountCreated,
        { accountId: id, uai, schoolName, licences, createdAt: new Date().toISOString() },
        { correlationId: randomUUID(), causationId: null },
      ),
    };
  }
}
