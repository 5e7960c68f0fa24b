import { BaseErrorCode, DomainError } from '@pronote/contracts';

export class BaseNotFoundError extends DomainError {
  constructor(uai: string, baseId: string) {
    super(BaseErrorCode.BASE_NOT_FOUND, `no base ${baseId} for the school ${uai}`, { uai, baseId });
  }
}

export class BaseAlreadyInServiceError extends DomainError {
  constructor(uai: string) {
    super(BaseErrorCode.BASE_ALREADY_IN_SERVICE, `the school ${uai} already has a base in service; stop it first`, { uai });
  }
}

export class BaseAlreadyExistsError extends DomainError {
  constructor(uai: string, schoolYear: string) {
    super(BaseErrorCode.BASE_ALREADY_EXISTS, `the school ${uai} already has a base for ${schoolYear}`, { uai, schoolYear });
  }
}

export class BaseReadOnlyError extends DomainError {
  constructor(baseId: string, schoolYear: string) {
    super(BaseErrorCode.BASE_READ_ONLY, `the base of ${schoolYear} belongs to a previous year: it can only be consulted`, { baseId, schoolYear });
  }
}

export class SprPasswordRequiredError extends DomainError {
  constructor(uai: string) {
    super(BaseErrorCode.SPR_PASSWORD_REQUIRED, `sprPassword: the first putting in service of ${uai} requires defining the SPR password`, {
      field: 'sprPassword',
      uai,
    });
  }
}
