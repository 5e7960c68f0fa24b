import { DomainError, TenantErrorCode } from '@pronote/contracts';

export class TenantNotFoundError extends DomainError {
  constructor(which: { uai: string } | { accountId: string }) {
    const school = 'uai' in which ? `the school ${which.uai}` : `the school of account ${which.accountId}`;
    super(TenantErrorCode.TENANT_NOT_FOUND, `${school} is not known to the bases service yet`, which);
  }
}
