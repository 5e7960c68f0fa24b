import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@pronote/contracts';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { GatewayErrorCode } from '../http/problem.js';
import { OperatorSessions } from './operator-sessions.js';
import type { AuthenticatedRequest } from './principal.js';

export const OPERATOR_TOKEN = Symbol('OPERATOR_TOKEN');

/**
 * Platform staff routes: the static bearer token (automation, tests; compared in constant time on
 * equal-length hashes) or the session of an operator who logged in with an own account.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    @Inject(OPERATOR_TOKEN) token: string,
    private readonly sessions: OperatorSessions,
  ) {
    this.expected = digest(token);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token && (timingSafeEqual(digest(token), this.expected) || (await this.sessions.find(token)))) {
      request.principal = { kind: 'operator' };
      return true;
    }
    throw new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'an operator bearer token is required');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
