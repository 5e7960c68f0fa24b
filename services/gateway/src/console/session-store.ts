import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway.config.js';
import { GATEWAY_CONFIG, REDIS } from './console.tokens.js';

export interface ConsoleSession {
  accountId: string;
  uai: string;
  hostingNumber: string;
  certificateSerial: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
}

/** Console session tokens start with this, so guards tell them from the operator token. */
export const SESSION_TOKEN_PREFIX = 'pcs_';
const REFRESH_TOKEN_PREFIX = 'pcr_';

interface StoredAccess extends ConsoleSession {
  refreshKey: string;
}
interface StoredRefresh extends ConsoleSession {
  accessKey: string;
}

/**
 * Opaque session tokens in Redis (shared by every gateway replica). Only SHA-256 of a token is a key,
 * so a Redis dump holds no usable token. Refresh tokens are single-use (rotated); logout deletes both.
 */
@Injectable()
export class SessionStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async open(session: ConsoleSession): Promise<IssuedTokens> {
    const accessToken = SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const refreshToken = REFRESH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const accessKey = this.key('access', accessToken);
    const refreshKey = this.key('refresh', refreshToken);
    const ofAccount = this.accountKey(session.accountId);
    await this.redis
      .multi()
      .set(accessKey, JSON.stringify({ ...session, refreshKey } satisfies StoredAccess), 'PX', this.config.CONSOLE_ACCESS_TTL_MS)
      .set(refreshKey, JSON.stringify({ ...session, accessKey } satisfies StoredRefresh), 'PX', this.config.CONSOLE_REFRESH_TTL_MS)
      .sadd(ofAccount, accessKey, refreshKey)
      .pexpire(ofAccount, this.config.CONSOLE_REFRESH_TTL_MS)
      .exec();
    return {
      accessToken,
      refreshToken,
      expiresIn: Math.floor(this.config.CONSOLE_ACCESS_TTL_MS / 1000),
      refreshExpiresIn: Math.floor(this.config.CONSOLE_REFRESH_TTL_MS / 1000),
    };
  }

  async find(accessToken: string): Promise<ConsoleSession | null> {
    const stored = await this.redis.get(this.key('access', accessToken));
    return stored ? pick(JSON.parse(stored) as StoredAccess) : null;
  }

  /** One use only: a refresh token replayed after rotation finds nothing. */
  async refresh(refreshToken: string): Promise<{ session: ConsoleSession; tokens: IssuedTokens } | null> {
    const stored = await this.redis.getdel(this.key('refresh', refreshToken));
    if (!stored) return null;
    const previous = JSON.parse(stored) as StoredRefresh;
    await this.redis.del(previous.accessKey);
    const session = pick(previous);
    return { session, tokens: await this.open(session) };
  }

  async close(accessToken: string): Promise<void> {
    const accessKey = this.key('access', accessToken);
    const stored = await this.redis.getdel(accessKey);
    if (stored) await this.redis.del((JSON.parse(stored) as StoredAccess).refreshKey);
  }

  /** Ends every session of an account (suspension). Idempotent: a redelivered event changes nothing. */
  async closeAllOf(accountId: string): Promise<number> {
    const ofAccount = this.accountKey(accountId);
    const keys = await this.redis.smembers(ofAccount);
    if (keys.length > 0) await this.redis.del(...keys);
    await this.redis.del(ofAccount);
    return keys.length;
  }

  private accountKey(accountId: string): string {
    return `${this.config.REDIS_PREFIX}:console:account:${accountId}`;
  }

  private key(kind: 'access' | 'refresh', token: string): string {
    return `${this.config.REDIS_PREFIX}:console:${kind}:${createHash('sha256').update(token).digest('base64url')}`;
  }
}

function pick(stored: ConsoleSession): ConsoleSession {
  return { accountId: stored.accountId, uai: stored.uai, hostingNumber: stored.hostingNumber, certificateSerial: stored.certificateSerial };
}
