import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { PreparationService } from './preparation.service.js';
import { RecoveryProcessor, RecoveryQueue } from './recovery-jobs.js';
import { RecoveryRunner } from './recovery-runner.js';
import { RecoverySources } from './recovery-sources.js';
import { RecoveryHandler } from './recovery.handler.js';
import { RecoveryRepository } from './recovery.repository.js';
import { RecoveryService } from './recovery.service.js';

@Module({
  imports: [LifecycleModule],
  providers: [RecoveryRepository, RecoverySources, PreparationService, RecoveryQueue, RecoveryRunner, RecoveryProcessor, RecoveryService, RecoveryHandler],
})
export class RecoveryModule {}
