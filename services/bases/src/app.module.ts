import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import type { BasesConfig } from './config/bases.config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { TenantsModule } from './tenants/tenants.module.js';

export const SERVICE = 'bases';

@Module({})
export class AppModule {
  static register(config: BasesConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
        TenantsModule,
      ],
    };
  }
}
