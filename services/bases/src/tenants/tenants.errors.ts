import { DomainError, TenantErrorCode } from '@pronote/contracts';

export class TenantNotFoundError extends DomainError {
  constructor(uai: string) {
    super(TenantErrorCode.TENANT_NOT_FOUND, `the school ${uai} is not known to the bases service yet`, { uai });
  }
}
