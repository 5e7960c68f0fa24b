import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { SessionsConfig } from './sessions.config.js';

export const SESSIONS_CONFIG = Symbol('SESSIONS_CONFIG');

@Global()
@Module({})
export class SessionsConfigModule {
  static register(config: SessionsConfig): DynamicModule {
    return { module: SessionsConfigModule, providers: [{ provide: SESSIONS_CONFIG, useValue: config }], exports: [SESSIONS_CONFIG] };
  }
}
