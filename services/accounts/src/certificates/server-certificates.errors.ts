import { DomainError, ServerCertificateErrorCode } from '@pronote/contracts';

export class EnrolmentTokenInvalidError extends DomainError {
  constructor() {
    super(ServerCertificateErrorCode.ENROLMENT_TOKEN_INVALID, 'this enrolment token does not prove the caller is the gateway');
  }
}

export class EnrolmentDisabledError extends DomainError {
  constructor() {
    super(ServerCertificateErrorCode.ENROLMENT_DISABLED, 'server enrolment is disabled (no GATEWAY_ENROLMENT_TOKEN in accounts): give the gateway TLS_CERT_FILE and TLS_KEY_FILE');
  }
}
