import { AccountErrorCode, DomainError } from '@pronote/contracts';

export class UaiAlreadyHostedError extends DomainError {
  constructor(uai: string) {
    super(AccountErrorCode.UAI_ALREADY_HOSTED, `the school ${uai} already has a hosting account`, { uai });
  }
}

export class AccountNotFoundError extends DomainError {
  constructor(accountId: string) {
    super(AccountErrorCode.ACCOUNT_NOT_FOUND, `no hosting account ${accountId}`, { accountId });
  }
}

export class AccountSuspendedError extends DomainError {
  constructor() {
    super(AccountErrorCode.ACCOUNT_SUSPENDED, 'this hosting account is suspended: contact the hosting operator');
  }
}

export class AccountStatusUnchangedError extends DomainError {
  constructor(status: 'active' | 'suspended') {
    super(
      status === 'active' ? AccountErrorCode.ACCOUNT_ALREADY_ACTIVE : AccountErrorCode.ACCOUNT_ALREADY_SUSPENDED,
      `the account is already ${status}`,
    );
  }
}
