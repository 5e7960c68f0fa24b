import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import type { BackupsConfig } from './config/backups.config.js';

export const SERVICE = 'backups';

@Module({})
export class AppModule {
  static register(config: BackupsConfig, logger: Logger): DynamicModule {
    return { module: AppModule, imports: coreModules({ service: SERVICE, logger, config }) };
  }
}
