import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConsoleAccessErrorCode, DomainError } from '@pronote/contracts';
import { type ConsoleRequest, ConsoleSessionVerifier, isConsoleSessionToken } from '../console/console-session.guard.js';
import { GatewayErrorCode } from '../http/problem.js';
import { OperatorGuard } from './operator.guard.js';

/**
 * Routes under `/api/v1/schools/:uai/...`: the operator may act for any school. The hosting manager
 * of a school (client certificate + console session) is admitted only for its own UAI.
 */
@Injectable()
export class SchoolAccessGuard implements CanActivate {
  constructor(
    private readonly operator: OperatorGuard,
    private readonly console: ConsoleSessionVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    if (isConsoleSessionToken(request)) {
      const session = await this.console.admit(request);
      const uai = (request.params as Record<string, string | undefined>)['uai']?.trim().toUpperCase();
      if (uai !== session.uai) {
        throw new DomainError(ConsoleAccessErrorCode.SESSION_WRONG_SCHOOL, 'your console session gives access to your own school only');
      }
      return true;
    }
    if (request.headers.authorization && (await this.operator.canActivate(context))) return true;
    throw new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'an operator token or a school console session is required');
  }
}
