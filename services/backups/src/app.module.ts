import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import { BackupsRuntime } from './backups.runtime.js';
import { BACKUPS_CONFIG } from './backups.tokens.js';
import type { BackupsConfig } from './config/backups.config.js';
import { PrismaClient } from './generated/prisma/client.js';

export const SERVICE = 'backups';

@Module({})
export class AppModule {
  static register(config: BackupsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
      providers: [{ provide: BACKUPS_CONFIG, useValue: config }, BackupsRuntime],
    };
  }
}
