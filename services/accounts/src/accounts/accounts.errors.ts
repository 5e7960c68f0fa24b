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
