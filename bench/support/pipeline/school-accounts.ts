import { outboxRecord } from '@pronote/bus';
import { AccountCreated, uaiCheckLetter } from '@pronote/contracts';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { AccountOpening } from '../../../services/accounts/src/accounts/accounts.repository.js';
import { createKeyEncryptionKeyring } from '../../../services/accounts/src/certificates/authority/key-sealing.js';
import { hashPassword } from '../../../services/accounts/src/credentials/password-hash.js';
import { historyLine } from '../../../services/accounts/src/history/history-line.js';
import { credentialDeliveries, type NewDelivery } from '../../../services/accounts/src/notifications/credential-messages.js';

/**
 * Distinct, valid account openings as `AccountsService.create` hands them to the repository: the
 * account, its password hash, the sealed SMS and e-mail carrying its credentials, its history line and
 * its `hosting.account.created` outbox row. The argon2 hash (~90 ms) and the sealing of the two
 * messages (AES-GCM) are the service's work before the repository: they are done once and their
 * result shared (same sizes as real ones), so that generating the load does not take the CPU the
 * pipeline is measured on. Ids, schools and events are distinct.
 */
export class SchoolAccounts {
  private next = randomInt(0, 5_000_000);

  private constructor(
    private readonly passwordHash: string,
    private readonly sealedMessages: NewDelivery[],
  ) {}

  static async create(): Promise<SchoolAccounts> {
    const keyring = createKeyEncryptionKeyring('bench', { bench: randomBytes(32) });
    const sealedMessages = credentialDeliveries(
      { accountId: randomUUID(), uai: '0750654D', hostingNumber: '100000000000', password: 'bench-password', phone: '+33612345678', email: 'direction@ac-bench.fr', purpose: 'account_opened' },
      keyring,
    );
    return new SchoolAccounts(await hashPassword('bench-password'), sealedMessages);
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
    const { uai, schoolName, licences, contactPhone, contactEmail } = account;
    return {
      account,
      passwordHash: this.passwordHash,
      deliveries: this.sealedMessages.map((message) => ({
        ...message,
        id: randomUUID(),
        accountId: id,
        recipient: message.channel === 'sms' ? contactPhone : contactEmail,
      })),
      history: historyLine(id, 'account.opened', { uai, licences }),
      event: outboxRecord(
        AccountCreated,
        { accountId: id, uai, schoolName, licences, createdAt: new Date().toISOString() },
        { correlationId: randomUUID(), causationId: null },
      ),
    };
  }
}
