import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@pronote/observability';

/** Routes Nest's own log lines into the service's JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ nestContext: context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ nestContext: context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ nestContext: context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ nestContext: context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ nestContext: context }, String(message));
  }
}
