import { DomainError, SessionsErrorCode } from '@pronote/contracts';

export class ConnectionNotFoundError extends DomainError {
  constructor(uai: string, connectionId: string) {
    super(SessionsErrorCode.SESSION_CONNECTION_NOT_FOUND, `no user is connected to ${uai} under ${connectionId}`, { uai, connectionId });
  }
}
