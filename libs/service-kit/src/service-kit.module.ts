import { type BeforeApplicationShutdown, type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { HealthRegistry, type Logger, createMetricsRegistry } from '@pronote/observability';
import { ProbesController } from './probes.controller.js';
import { LOGGER, METRICS, SERVICE_NAME } from './tokens.js';

export interface ServiceKitOptions {
  service: string;
  logger: Logger;
  /** Services that serve their own HTTP API under a prefix may mount the probes elsewhere. */
  probes?: boolean;
}

/** Logger, metrics registry and health registry for one service, available everywhere in it. */
@Global()
@Module({})
export class ServiceKitModule implements BeforeApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      controllers: options.probes === false ? [] : [ProbesController],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: LOGGER, useValue: options.logger },
        { provide: METRICS, useFactory: () => createMetricsRegistry(options.service) },
        HealthRegistry,
      ],
      exports: [SERVICE_NAME, LOGGER, METRICS, HealthRegistry],
    };
  }

  beforeApplicationShutdown(signal?: string): void {
    this.health.markShuttingDown();
    this.logger.info({ signal }, 'shutting down');
  }
}
