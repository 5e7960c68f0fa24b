import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { DomainErrorFilter } from '../http/domain-error.filter.js';
import { FaultsController } from './faults.controller.js';
import { SimulationController } from './simulation.controller.js';
import { SimulationService } from './simulation.service.js';

/** The simulator's own HTTP API: activity, connections, fault injection. */
@Module({
  controllers: [SimulationController, FaultsController],
  providers: [
    SimulationService,
    { provide: APP_FILTER, inject: [LOGGER], useFactory: (logger: Logger) => new DomainErrorFilter(logger) },
  ],
})
export class SimulationModule {}
