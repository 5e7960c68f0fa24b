import { DomainError, SessionsErrorCode } from '@pronote/contracts';

export class SchoolNotFoundError extends DomainError {
  constructor(uai: string) {
    super(SessionsErrorCode.SESSIONS_SCHOOL_NOT_FOUND, `the school ${uai} is not known to the sessions service`, { uai });
  }
}
