import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { randomUUID } from 'node:crypto';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG } from '../config/settings.module.js';
import { generatePassword } from '../credentials/console-password.js';
import { CredentialsInvalidError } from '../credentials/credentials.errors.js';
import { hashPassword, verifyPassword } from '../credentials/password-hash.js';
import { OperatorsRepository } from './operators.repository.js';

/** Platform staff accounts. The first one comes from configuration (a hash, never a password). */
@Injectable()
export class OperatorsService implements OnModuleInit {
  private decoyHash = '';

  constructor(
    private readonly operators: OperatorsRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await hashPassword(generatePassword());
    const email = this.config.OPERATOR_BOOTSTRAP_EMAIL?.toLowerCase();
    const passwordHash = this.config.OPERATOR_BOOTSTRAP_PASSWORD_HASH;
    if (email && passwordHash && (await this.operators.createIfMissing({ id: randomUUID(), email, passwordHash }))) {
      this.logger.info({ event: 'operator.bootstrapped', email }, 'bootstrap operator created');
    }
  }

  async verify(email: string, password: string): Promise<{ operatorId: string; email: string }> {
    const operator = await this.operators.findByEmail(email);
    const valid = await verifyPassword(operator?.passwordHash ?? this.decoyHash, password);
    if (!operator || !valid || operator.disabled) throw new CredentialsInvalidError();
    return { operatorId: operator.id, email: operator.email };
  }
}
