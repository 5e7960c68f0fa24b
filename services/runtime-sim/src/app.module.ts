import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { coreModules } from '@pronote/service-kit';
import type { RuntimeSimConfig } from './config/runtime-sim.config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { RuntimeModule } from './runtime/runtime.module.js';
import { SimulationModule } from './simulation/simulation.module.js';
import { StorageModule } from './storage/storage.module.js';

export const SERVICE = 'runtime-sim';

@Module({})
export class AppModule {
  static register(config: RuntimeSimConfig, logger: Logger): DynamicModule {
    const runtime = RuntimeModule.register(config);
    return {
      module: AppModule,
      imports: [
        ...coreModules({ service: SERVICE, logger, config, prisma: (adapter) => new PrismaClient({ adapter }) }),
        StorageModule.forRoot(config),
        runtime,
        { module: SimulationModule, imports: [runtime] },
      ],
    };
  }
}
