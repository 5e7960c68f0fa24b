import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@pronote/contracts';
import { correlationId, type Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { GatewayErrorCode, PROBLEM_CONTENT_TYPE, type Problem, problem } from './problem.js';

/** Every error the gateway answers, whatever threw it, leaves as problem+json with a stable code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toProblem(exception, request.url);
    if (body.status >= 500) this.logger.error({ err: exception, url: request.url }, body.detail);
    void sendProblem(reply, body);
  }
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply
    .status(body.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({ ...body, correlationId: body.correlationId ?? correlationId() });
}

/** Maps what Nest, Fastify or a service threw to a problem; unknown errors never leak their message. */
export function toProblem(exception: unknown, instance?: string): Problem {
  if (exception instanceof DomainError) {
    return problem(exception.code, exception.message, { instance, errors: exception.details });
  }
  // Nest wraps Fastify's own errors (body parsing, limits) in an HttpException whose cause keeps the code.
  const fastifyError = (exception instanceof HttpException ? exception.cause : exception) as
    | { code?: string; statusCode?: number; message?: string }
    | undefined;
  const fastifyCode = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (fastifyCode) return problem(fastifyCode, fastifyError?.message ?? fastifyCode, { instance });
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    return problem(code, status === 404 ? 'no such route' : exception.message, { status, instance });
  }
  if (exception instanceof SyntaxError) {
    return problem(GatewayErrorCode.MALFORMED_JSON, 'the request body is not valid JSON', { instance });
  }
  return problem('INTERNAL', 'an unexpected error occurred; quote the correlation id to support', { instance });
}

const HTTP_CODES: Record<number, string> = {
  401: GatewayErrorCode.UNAUTHENTICATED,
  403: GatewayErrorCode.FORBIDDEN,
  404: GatewayErrorCode.ROUTE_NOT_FOUND,
  405: GatewayErrorCode.METHOD_NOT_ALLOWED,
  413: GatewayErrorCode.PAYLOAD_TOO_LARGE,
  415: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: GatewayErrorCode.RATE_LIMITED,
};

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: GatewayErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: GatewayErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_EMPTY_JSON_BODY: GatewayErrorCode.MALFORMED_JSON,
  FST_ERR_CTP_INVALID_JSON_BODY: GatewayErrorCode.MALFORMED_JSON,
};
