import { AccountErrorCode, DomainError } from '@pronote/contracts';

export class InvoiceNotLastError extends DomainError {
  constructor() {
    super(AccountErrorCode.INVOICE_NOT_LAST, 'this is not the number of the last hosting invoice (see the last invoice received by e-mail)');
  }
}

export class CertificateNotFoundError extends DomainError {
  constructor(certificateId: string) {
    super(AccountErrorCode.CERTIFICATE_NOT_FOUND, `no certificate ${certificateId} for this account`, { certificateId });
  }
}

export class CertificateAlreadyRevokedError extends DomainError {
  constructor(certificateId: string) {
    super(AccountErrorCode.CERTIFICATE_ALREADY_REVOKED, `certificate ${certificateId} is already revoked`, { certificateId });
  }
}
