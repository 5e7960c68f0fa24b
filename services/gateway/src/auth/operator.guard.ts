import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@pronote/contracts';
import type { FastifyRequest } from 'fastify';
import { hash, timingSafeEqual } from 'node:crypto';
import { GatewayErrorCode } from '../http/problem.js';
import { OperatorSessions } from './operator-sessions.js';
import type { AuthenticatedRequest } from './principal.js';

export const OPERATOR_TOKEN = Symbol('OPERATOR_TOKEN');

/**
 * Platform staff routes: the static bearer token (automation, tests; compared in constant time on
 * equal-length hashes) or the session of an operator who logged in with an own account.
 * The static token is admitted without a promise: this guard runs on every operator request.
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

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw unauthenticated();
    if (timingSafeEqual(digest(token), this.expected)) return admit(request);
    return this.sessions.find(token).then((session) => {
      if (!session) throw unauthenticated();
      return admit(request);
    });
  }
}

function admit(request: AuthenticatedRequest): true {
  request.principal = { kind: 'operator' };
  return true;
}

function unauthenticated(): DomainError {
  return new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'an operator bearer token is required');
}

/** One-shot SHA-256 (no Hash object per call). */
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
