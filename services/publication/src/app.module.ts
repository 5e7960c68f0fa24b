import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import { PUBLICATION_CONFIG } from './config/publication-config.token.js';
import type { PublicationConfig } from './config/publication.config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { PublicationModule } from './school/publication.module.js';

export const SERVICE = 'publication';

@Global()
@Module({})
class PublicationConfigModule {
  static register(config: PublicationConfig): DynamicModule {
    return { module: PublicationConfigModule, providers: [{ provide: PUBLICATION_CONFIG, useValue: config }], exports: [PUBLICATION_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static register(config: PublicationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
        PublicationConfigModule.register(config),
        PublicationModule,
      ],
    };
  }
}
