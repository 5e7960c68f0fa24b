import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { CommonErrorCode, DomainError, RuntimeErrorCode } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { correlationId } from '@pronote/observability';
import type { FastifyReply } from 'fastify';

const STATUS_BY_CODE: Record<string, number> = {
  [CommonErrorCode.VALIDATION_FAILED]: 400,
  [RuntimeErrorCode.RUNTIME_CONNECTION_NOT_FOUND]: 404,
  [RuntimeErrorCode.RUNTIME_NOT_IN_SERVICE]: 409,
};

/** Errors of the simulation API as `{ code, message, correlationId, details }`: 4xx for domain codes, 500 otherwise. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof DomainError) {
      void reply.status(STATUS_BY_CODE[error.code] ?? 422).send({ code: error.code, message: error.message, correlationId: correlationId(), details: error.details });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      void reply.status(status).send({ code: status === 404 ? CommonErrorCode.NOT_FOUND : CommonErrorCode.VALIDATION_FAILED, message: error.message, correlationId: correlationId() });
      return;
    }
    this.logger.error({ err: error }, 'simulation request failed');
    void reply.status(500).send({ code: CommonErrorCode.INTERNAL, message: 'internal error', correlationId: correlationId() });
  }
}
