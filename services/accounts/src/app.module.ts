import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import { AccountsModule } from './accounts/accounts.module.js';
import { OperatorsModule } from './operators/operators.module.js';
import type { AccountsConfig } from './config/accounts.config.js';
import { SettingsModule } from './config/settings.module.js';
import { PrismaClient } from './generated/prisma/client.js';

export const SERVICE = 'accounts';

@Module({})
export class AppModule {
  static register(config: AccountsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
        SettingsModule.forRoot(config),
        AccountsModule,
        OperatorsModule,
      ],
    };
  }
}
