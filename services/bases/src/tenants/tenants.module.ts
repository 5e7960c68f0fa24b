import { Module } from '@nestjs/common';
import { TenantsHandler } from './tenants.handler.js';
import { TenantLookups } from './tenant-lookups.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({ providers: [TenantsRepository, TenantLookups, TenantsService, TenantsHandler], exports: [TenantsRepository] })
export class TenantsModule {}
