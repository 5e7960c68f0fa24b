import { DomainError, TenantErrorCode } from '@pronote/contracts';

export class TenantNotFoundError extends DomainError {
  /** By UAI, or by hosting account. */
  constructor(which: string | { accountId: string }) {
    const school = typeof which === 'string' ? `the school ${which}` : `the school of account ${which.accountId}`;
    super(TenantErrorCode.TENANT_NOT_FOUND, `${school} is not known to the bases service yet`, typeof which === 'string' ? { uai: which } : which);
  }
}
