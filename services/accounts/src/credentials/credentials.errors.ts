import { AccountErrorCode, DomainError } from '@pronote/contracts';

/** One error, one message for an unknown hosting number and a wrong password: nothing to enumerate. */
export class CredentialsInvalidError extends DomainError {
  constructor() {
    super(AccountErrorCode.CREDENTIALS_INVALID, 'the hosting number or the password is wrong');
  }
}

export class ResendTooOftenError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(AccountErrorCode.CREDENTIALS_RESEND_TOO_OFTEN, `credentials were sent recently; ask again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
