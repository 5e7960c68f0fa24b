import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { UploadsHandler } from './uploads.handler.js';
import { UploadsRepository } from './uploads.repository.js';
import { UploadsService } from './uploads.service.js';

@Module({ imports: [LifecycleModule, TenantsModule], providers: [UploadsRepository, UploadsService, UploadsHandler] })
export class UploadsModule {}
