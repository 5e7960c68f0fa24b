import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import { OPERATOR_TOKEN, OperatorGuard } from './auth/operator.guard.js';
import { SchoolAccessGuard } from './auth/school-access.guard.js';
import { BACKUPS_CONTROLLERS } from './backups/index.js';
import { OperatorVersionsController } from './bases/operator-versions.controller.js';
import { SchoolBaseDataController } from './bases/school-base-data.controller.js';
import { SchoolVersionController } from './bases/school-version.controller.js';
import { SchoolBasesController } from './bases/school-bases.controller.js';
import { SchoolUploadsController } from './bases/school-uploads.controller.js';
import { uploadStoreProvider } from './bases/upload-store.provider.js';
import type { GatewayConfig } from './config/gateway.config.js';
import { CONSOLE_CONTROLLERS, ConsoleModule } from './console/console.module.js';
import { DocsController } from './http/docs.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { COMMAND_TIMEOUT } from './http/tokens.js';
import { AccountReads } from './operator/account-reads.js';
import { OperatorAccountsController } from './operator/operator-accounts.controller.js';
import { PUBLICATION_CONTROLLERS } from './publication/index.js';
import { SESSIONS_CONTROLLERS, SESSIONS_PROVIDERS } from './sessions/index.js';
import { TlsModule } from './tls/tls.module.js';

export const SERVICE = 'gateway';

@Module({})
export class AppModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [...coreModules({ service: SERVICE, logger, config }), TlsModule.register(config), ConsoleModule.register(config)],
      controllers: [DocsController, OperatorAccountsController, SchoolUploadsController, SchoolBasesController, SchoolBaseDataController, SchoolVersionController, OperatorVersionsController, ...CONSOLE_CONTROLLERS, ...BACKUPS_CONTROLLERS, ...PUBLICATION_CONTROLLERS, ...SESSIONS_CONTROLLERS],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: OPERATOR_TOKEN, useValue: config.OPERATOR_TOKEN },
        { provide: COMMAND_TIMEOUT, useValue: config.COMMAND_TIMEOUT_MS },
        uploadStoreProvider(),
        AccountReads,
        OperatorGuard,
        SchoolAccessGuard,
        ...SESSIONS_PROVIDERS,
      ],
    };
  }
}
