import type { FastifyInstance } from 'fastify';
import {
  CORRELATION_HEADER,
  type Logger,
  histogram,
  processMetrics,
  newCorrelationId,
  runWithContext,
  sanitizeCorrelationId,
} from '@pronote/observability';

/**
 * Every HTTP request runs in a context carrying its correlation id (taken from the caller when it
 * is well formed, new otherwise) and answers with it, so a console can quote it to support.
 * Each response is logged once with its status and duration (probes and metrics at debug level).
 */
export function installCorrelation(fastify: FastifyInstance, logger?: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = sanitizeCorrelationId(request.headers[CORRELATION_HEADER]) ?? newCorrelationId();
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId }, done);
  });
  if (!logger) return;
  // The access line's fields are fixed and none can hold a secret (no route takes one in its URL):
  // redaction would only cost half the line's CPU, once per request.
  const accessLog = logger.child({}, { redact: [] });
  const duration = histogram(processMetrics(), 'http_request_duration_seconds', 'HTTP requests, by route and status', [
    'method',
    'route',
    'status',
  ]);
  fastify.addHook('onResponse', (request, reply, done) => {
    const quiet = request.url.startsWith('/health/') || request.url === '/metrics';
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    accessLog[quiet ? 'debug' : 'info'](
      {
        correlationId: reply.getHeader(CORRELATION_HEADER),
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'http request',
    );
    done();
  });
}
