import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import type { RuntimeSimConfig } from './config/runtime-sim.config.js';

export const SERVICE = 'runtime-sim';

@Module({})
export class AppModule {
  static register(config: RuntimeSimConfig, logger: Logger): DynamicModule {
    return { module: AppModule, imports: coreModules({ service: SERVICE, logger, config }) };
  }
}
