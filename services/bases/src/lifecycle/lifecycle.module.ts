import { Module } from '@nestjs/common';
import { BasePanelService } from '../history/base-panel.service.js';
import { RuntimeClient } from '../runtime/runtime.client.js';
import { SchoolLocksModule } from '../school-locks/school-locks.js';
import { Argon2SprPasswords } from '../spr/argon2-spr-passwords.js';
import { SPR_PASSWORDS } from '../spr/spr-password.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { BasesRepository } from './bases.repository.js';
import { BasesService } from './bases.service.js';
import { LifecycleHandler } from './lifecycle.handler.js';
import { RestoredContentService } from './restored-content.service.js';
import { ServiceStateService } from './service-state.service.js';

@Module({
  imports: [TenantsModule, SchoolLocksModule],
  providers: [
    BasesRepository,
    BasesService,
    ServiceStateService,
    RestoredContentService,
    BasePanelService,
    RuntimeClient,
    { provide: SPR_PASSWORDS, useClass: Argon2SprPasswords },
    LifecycleHandler,
  ],
  exports: [BasesRepository, BasesService, ServiceStateService, RuntimeClient, SchoolLocksModule],
})
export class LifecycleModule {}
