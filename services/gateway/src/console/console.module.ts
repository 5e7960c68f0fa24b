import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { OperatorLoginController } from '../auth/operator-login.controller.js';
import { OperatorSessions } from '../auth/operator-sessions.js';
import { OperatorAccountAdminController } from '../accounts-admin/operator-account-admin.controller.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { AccountSuspensionListener } from './account-suspension.listener.js';
import { ConsoleAccessController } from './console-access.controller.js';
import { ConsoleAccountController } from './console-account.controller.js';
import { ConsoleSessionGuard, ConsoleSessionVerifier } from './console-session.guard.js';
import { GATEWAY_CONFIG, REDIS } from './console.tokens.js';
import { LoginAttempts } from './login-attempts.js';
import { LoginThrottle } from './login-throttle.js';
import { SchoolAccountController } from './school-account.controller.js';
import { SessionStore } from './session-store.js';
import { TrustStore } from './trust-store.js';

/** Registered in AppModule next to the other controllers (so SchoolAccessGuard and OperatorGuard resolve there). */
export const CONSOLE_CONTROLLERS = [ConsoleAccessController, ConsoleAccountController, SchoolAccountController, OperatorAccountAdminController, OperatorLoginController];

/** School console access: mutual TLS trust, sessions, login throttling. Global: SchoolAccessGuard needs the verifier anywhere. */
@Global()
@Module({})
export class ConsoleModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static register(config: GatewayConfig): DynamicModule {
    return {
      module: ConsoleModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: REDIS, useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) },
        TrustStore,
        SessionStore,
        LoginThrottle,
        LoginAttempts,
        ConsoleSessionVerifier,
        ConsoleSessionGuard,
        OperatorSessions,
        AccountSuspensionListener,
      ],
      exports: [OperatorSessions, ConsoleSessionVerifier, ConsoleSessionGuard, TrustStore, SessionStore, LoginThrottle, LoginAttempts, GATEWAY_CONFIG, REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
