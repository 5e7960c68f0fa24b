import { DomainError } from '@pronote/contracts';

/** A command failed on the remote side (or never reached it); `code` is the remote (or transport) code. */
export class RemoteCommandError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly subject: string,
    readonly correlationId: string,
    details?: unknown,
  ) {
    super(code, message, details);
  }
}
