import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import type { PublicationConfig } from './config/publication.config.js';

export const SERVICE = 'publication';

@Module({})
export class AppModule {
  static register(config: PublicationConfig, logger: Logger): DynamicModule {
    return { module: AppModule, imports: coreModules({ service: SERVICE, logger, config }) };
  }
}
