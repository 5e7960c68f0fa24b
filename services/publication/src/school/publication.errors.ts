import { DomainError, PublicationErrorCode } from '@pronote/contracts';

export class NoBaseInServiceError extends DomainError {
  constructor(uai: string) {
    super(PublicationErrorCode.PUBLICATION_NO_BASE_IN_SERVICE, 'no base of this school is in service: put a base in service to publish it', { uai });
  }
}
