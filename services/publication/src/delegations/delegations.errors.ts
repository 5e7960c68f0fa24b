import { DelegationErrorCode, DomainError } from '@pronote/contracts';

export class DelegationPublishedError extends DomainError {
  constructor(uai: string) {
    super(
      DelegationErrorCode.DELEGATION_PUBLISHED_CONFLICT,
      'stop the publication of the base before changing authentication delegations (Arrêter la publication)',
      { uai },
    );
  }
}

export class DelegationNotFoundError extends DomainError {
  constructor(delegationId: string) {
    super(DelegationErrorCode.DELEGATION_NOT_FOUND, 'no such delegation for this school', { delegationId });
  }
}

export class DelegationNameUsedError extends DomainError {
  constructor(name: string) {
    super(DelegationErrorCode.DELEGATION_NAME_ALREADY_USED, `a delegation is already named "${name}"`, { name });
  }
}

export class DelegationKindMismatchError extends DomainError {
  constructor(delegationId: string, expected: string) {
    super(DelegationErrorCode.DELEGATION_NOT_FOUND, `no ${expected} delegation with this id`, { delegationId });
  }
}

export class DelegationUrlInvalidError extends DomainError {
  constructor(field: string, reason: string) {
    super(DelegationErrorCode.DELEGATION_URL_INVALID, `${field}: ${reason}`, { field });
  }
}

export class DelegationInUseError extends DomainError {
  constructor(name: string, espaces: string[]) {
    super(DelegationErrorCode.DELEGATION_IN_USE_CONFLICT, `"${name}" is still chosen by ${espaces.join(', ')}: choose another delegation there first`, { espaces });
  }
}

export class EntPresetNotFoundError extends DomainError {
  constructor(presetId: string) {
    super(DelegationErrorCode.ENT_PRESET_NOT_FOUND, `no ENT preset "${presetId}": choose one from the list, or configure the CAS server manually`, { presetId });
  }
}

export class EspaceDelegationInactiveError extends DomainError {
  constructor(espace: string, reason: string) {
    super(DelegationErrorCode.ESPACE_DELEGATION_INACTIVE, `${espace}: ${reason}`, { espace });
  }
}

export class EspaceDelegationNotAllowedError extends DomainError {
  constructor(espace: string, reason: string) {
    super(DelegationErrorCode.ESPACE_DELEGATION_NOT_ALLOWED, `${espace}: ${reason}`, { espace });
  }
}
