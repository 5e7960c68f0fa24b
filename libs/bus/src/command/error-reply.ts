import { CommonErrorCode, DomainError, type ErrorReply } from '@pronote/contracts';
import type { z } from 'zod';

/** What a caller may see of a failure: the domain code and message, never a stack or an internal message. */
export function toErrorReply(error: unknown, correlationId: string): ErrorReply {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, correlationId, details: error.details };
  }
  return { code: CommonErrorCode.INTERNAL, message: 'internal error', correlationId };
}

export function validationErrorReply(issues: readonly z.core.$ZodIssue[], correlationId: string): ErrorReply {
  return {
    code: CommonErrorCode.VALIDATION_FAILED,
    message: 'invalid request',
    correlationId,
    details: issues.map(({ path, code, message }) => ({ path: path.map(String), code, message })),
  };
}
