import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@pronote/contracts';
import { GatewayErrorCode } from '../http/problem.js';
import { OperatorGuard } from './operator.guard.js';
import type { AuthenticatedRequest } from './principal.js';

/**
 * Routes under `/api/v1/schools/:uai/...`: the operator may act for any school. The hosting manager
 * of a school (console session + client certificate, issue #3) is admitted here only for its own UAI.
 */
@Injectable()
export class SchoolAccessGuard implements CanActivate {
  constructor(private readonly operator: OperatorGuard) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.headers.authorization && this.operator.canActivate(context)) {
      request.principal = { kind: 'operator' };
      return true;
    }
    throw new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'an operator token or a school console session is required');
  }
}
