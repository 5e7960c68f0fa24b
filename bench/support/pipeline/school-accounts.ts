import { outboxRecord, type OutboxRecord } from '@pronote/bus';
import { AccountCreated, uaiCheckLetter } from '@pronote/contracts';
import { randomInt, randomUUID } from 'node:crypto';
import type { AccountRow } from './pipeline-parts.js';

/** Distinct, valid accounts and their `hosting.account.created` outbox rows, as the accounts service builds them. */
export class SchoolAccounts {
  private next = randomInt(0, 5_000_000);

  create(): { account: AccountRow; event: OutboxRecord } {
    const number = this.next++;
    const digits = String(number % 10_000_000).padStart(7, '0');
    const account: AccountRow = {
      id: randomUUID(),
      uai: `${digits}${uaiCheckLetter(digits)}`,
      schoolName: `Collège ${digits}`,
      hostingNumber: String(100_000_000_000 + number),
      contactEmail: `direction.${digits}@ac-bench.fr`,
      contactPhone: '+33612345678',
      licences: 4,
    };
    const event = outboxRecord(
      AccountCreated,
      { accountId: account.id, uai: account.uai, schoolName: account.schoolName, licences: account.licences, createdAt: new Date().toISOString() },
      { correlationId: randomUUID(), causationId: null },
    );
    return { account, event };
  }
}
