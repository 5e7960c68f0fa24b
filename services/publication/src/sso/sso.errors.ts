import { DomainError, SsoErrorCode } from '@pronote/contracts';

export class CasTicketRejectedError extends DomainError {
  constructor(casCode: string, message: string) {
    super(SsoErrorCode.CAS_TICKET_REJECTED, `the CAS server refused the ticket (${casCode})${message ? `: ${message}` : ''}`, { casCode });
  }
}

export class CasServerUnavailableError extends DomainError {
  constructor(reason: string) {
    super(SsoErrorCode.CAS_SERVER_UNAVAILABLE, `the CAS server gave no usable answer: ${reason}`);
  }
}

export class CasTicketAlreadyUsedError extends DomainError {
  constructor() {
    super(SsoErrorCode.CAS_TICKET_ALREADY_USED, 'this ticket was already presented: log in again through the ENT');
  }
}

export class CasNotConfiguredError extends DomainError {
  constructor(espace: string) {
    super(SsoErrorCode.CAS_NOT_CONFIGURED, `${espace} is not published with a CAS delegation`, { espace });
  }
}
