import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway.config.js';
import { GATEWAY_CONFIG, REDIS } from '../console/console.tokens.js';

export const OPERATOR_SESSION_PREFIX = 'pos_';

export interface OperatorSession {
  operatorId: string;
  email: string;
}

/** Sessions of operators who logged in with their own account (Redis, keyed by the token's SHA-256). */
@Injectable()
export class OperatorSessions {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async open(session: OperatorSession): Promise<{ accessToken: string; expiresIn: number }> {
    const accessToken = OPERATOR_SESSION_PREFIX + randomBytes(32).toString('base64url');
    await this.redis.set(this.key(accessToken), JSON.stringify(session), 'PX', this.config.OPERATOR_SESSION_TTL_MS);
    return { accessToken, expiresIn: Math.floor(this.config.OPERATOR_SESSION_TTL_MS / 1000) };
  }

  async find(token: string): Promise<OperatorSession | null> {
    if (!token.startsWith(OPERATOR_SESSION_PREFIX)) return null;
    const stored = await this.redis.get(this.key(token));
    return stored ? (JSON.parse(stored) as OperatorSession) : null;
  }

  async close(token: string): Promise<void> {
    await this.redis.del(this.key(token));
  }

  private key(token: string): string {
    return `${this.config.REDIS_PREFIX}:operator:session:${createHash('sha256').update(token).digest('base64url')}`;
  }
}
