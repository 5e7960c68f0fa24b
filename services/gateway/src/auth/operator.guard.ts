import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@pronote/contracts';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { GatewayErrorCode } from '../http/problem.js';

export const OPERATOR_TOKEN = Symbol('OPERATOR_TOKEN');

/** Platform staff routes: a bearer token compared in constant time (hashes have equal length). */
@Injectable()
export class OperatorGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(OPERATOR_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
    if (!token || !timingSafeEqual(digest(token), this.expected)) {
      throw new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'an operator bearer token is required');
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
