import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import { SessionsConfigModule } from './config/sessions-config.module.js';
import type { SessionsConfig } from './config/sessions.config.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { PrismaClient } from './generated/prisma/client.js';
import { LicencesModule } from './licences/licences.module.js';
import { SchoolsModule } from './schools/schools.module.js';
import { SuspendedIpsModule } from './suspended-ips/suspended-ips.module.js';

export const SERVICE = 'sessions';

@Module({})
export class AppModule {
  static register(config: SessionsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
        SessionsConfigModule.register(config),
        SchoolsModule,
        LicencesModule,
        ConnectionsModule,
        SuspendedIpsModule,
      ],
    };
  }
}
