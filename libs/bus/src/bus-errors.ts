import { CommonErrorCode, DomainError } from '@pronote/contracts';

/** NATS has not been reached yet (or the bus was closed): callers answer "unavailable", not "internal". */
export class BusNotReadyError extends DomainError {
  constructor(message: string) {
    super(CommonErrorCode.UPSTREAM_UNAVAILABLE, message);
  }
}
