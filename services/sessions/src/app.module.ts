import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import type { SessionsConfig } from './config/sessions.config.js';

export const SERVICE = 'sessions';

@Module({})
export class AppModule {
  static register(config: SessionsConfig, logger: Logger): DynamicModule {
    return { module: AppModule, imports: coreModules({ service: SERVICE, logger, config }) };
  }
}
