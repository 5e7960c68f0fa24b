import { DomainError } from '@pronote/contracts';
import type { FastifyReply } from 'fastify';

/** Adds Retry-After to the problem+json of a throttled request (the problem filter keeps headers already set). */
export async function withRetryAfter<T>(reply: FastifyReply, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const retryAfter = error instanceof DomainError ? (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    throw error;
  }
}
