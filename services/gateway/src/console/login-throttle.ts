import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { GatewayConfig } from '../config/gateway.config.js';
import { GATEWAY_CONFIG, REDIS } from './console.tokens.js';

export interface FailureOutcome {
  failuresFromIp: number;
  failuresForAccount: number;
  /** Set when this failure crossed the IP threshold. */
  ipSuspension?: { until: Date; level: number };
}

// A suspension level is remembered this long: an IP suspended again within it waits twice as long.
const LEVEL_MEMORY_MS = 24 * 3600 * 1000;

/**
 * Failed console logins counted in Redis, per client IP and per hosting number, in separate windows
 * (Keycloak / cPHulk style). Past the IP threshold the IP is suspended, each time twice as long up
 * to a ceiling; past the account threshold the hosting number is locked for a short while. Both
 * expire by themselves (Redis TTL).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Milliseconds until the IP may try again, or 0. */
  async ipSuspendedFor(ip: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key('ip-suspended', ip)));
  }

  async accountLockedFor(hostingNumber: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key('account-locked', hostingNumber)));
  }

  async recordFailure(ip: string, hostingNumber: string): Promise<FailureOutcome> {
    const failuresFromIp = await this.count(this.key('ip-failures', ip), this.config.LOGIN_IP_WINDOW_MS);
    const failuresForAccount = await this.count(this.key('account-failures', hostingNumber), this.config.LOGIN_ACCOUNT_WINDOW_MS);
    const outcome: FailureOutcome = { failuresFromIp, failuresForAccount };
    if (failuresForAccount >= this.config.LOGIN_ACCOUNT_THRESHOLD) {
      await this.redis
        .multi()
        .set(this.key('account-locked', hostingNumber), '1', 'PX', this.config.LOGIN_ACCOUNT_SUSPENSION_MS)
        .del(this.key('account-failures', hostingNumber))
        .exec();
    }
    if (failuresFromIp >= this.config.LOGIN_IP_THRESHOLD) {
      const level = await this.count(this.key('ip-level', ip), LEVEL_MEMORY_MS);
      const duration = suspensionDuration(level, this.config.LOGIN_IP_SUSPENSION_MS, this.config.LOGIN_IP_SUSPENSION_MAX_MS);
      await this.redis.multi().set(this.key('ip-suspended', ip), String(level), 'PX', duration).del(this.key('ip-failures', ip)).exec();
      outcome.ipSuspension = { until: new Date(Date.now() + duration), level };
    }
    return outcome;
  }

  async recordSuccess(hostingNumber: string): Promise<void> {
    await this.redis.del(this.key('account-failures', hostingNumber));
  }

  /**
   * Counts a credentials resend from this IP; the wait in ms when it is over its limit, else 0. Per
   * account the accounts service limits resends; this stops one address from resetting many schools.
   */
  async resendWait(ip: string): Promise<number> {
    const key = this.key('resends', ip);
    const count = await this.count(key, this.config.RESEND_IP_WINDOW_MS);
    return count > this.config.RESEND_IP_LIMIT ? Math.max(1, await this.redis.pttl(key)) : 0;
  }

  /** Operator unlock. */
  async liftIp(ip: string): Promise<void> {
    await this.redis.del(this.key('ip-suspended', ip), this.key('ip-failures', ip));
  }

  private async count(key: string, windowMs: number): Promise<number> {
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec()) as [[null, number], unknown];
    return count;
  }

  private key(kind: string, subject: string): string {
    return `${this.config.REDIS_PREFIX}:login:${kind}:${subject}`;
  }
}

/** The n-th suspension within the level memory lasts base × 2^(n-1), never more than `max`. */
export function suspensionDuration(level: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(level, 1) - 1, 30));
}
