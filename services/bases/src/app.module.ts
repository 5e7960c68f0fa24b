import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import { BASES_CONFIG } from './config/bases-config.token.js';
import type { BasesConfig } from './config/bases.config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { ContentSweepModule } from './content-sweep/content-sweep.module.js';
import { EdtModule } from './edt/edt.module.js';
import { RedisModule } from './jobs/redis.module.js';
import { RecoveryModule } from './recovery/recovery.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { BaseStoreModule } from './storage/base-store.module.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { VersionSwitchModule } from './version-switch/version-switch.module.js';

export const SERVICE = 'bases';

@Global()
@Module({})
class BasesConfigModule {
  static register(config: BasesConfig): DynamicModule {
    return { module: BasesConfigModule, providers: [{ provide: BASES_CONFIG, useValue: config }], exports: [BASES_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static register(config: BasesConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
        BasesConfigModule.register(config),
        BaseStoreModule,
        TenantsModule,
        LifecycleModule,
        VersionSwitchModule,
        UploadsModule,
        EdtModule,
        RedisModule,
        RecoveryModule,
        ContentSweepModule,
      ],
    };
  }
}
