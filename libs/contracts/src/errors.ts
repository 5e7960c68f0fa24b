import { z } from 'zod';

/** What a command handler replies when it fails: string codes, because instanceof does not cross a network. */
export const errorReplySchema = z.object({
  code: z.string(),
  message: z.string(),
  correlationId: z.string().optional(),
  details: z.unknown().optional(),
});
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** Codes every transport knows, whatever the service. Services add their own (`UAI_INVALID`, ...). */
export const CommonErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

/** Base of every domain error: a stable code plus a message safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
