import type { FastifyInstance } from 'fastify';
import {
  CORRELATION_HEADER,
  newCorrelationId,
  runWithContext,
  sanitizeCorrelationId,
} from '@pronote/observability';

/**
 * Every HTTP request runs in a context carrying its correlation id (taken from the caller when it
 * is well formed, new otherwise) and answers with it, so a console can quote it to support.
 */
export function installCorrelation(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = sanitizeCorrelationId(request.headers[CORRELATION_HEADER]) ?? newCorrelationId();
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId }, done);
  });
}
