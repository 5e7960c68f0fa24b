import { Injectable } from '@nestjs/common';
import type { TenantView } from '@pronote/contracts';
import { TenantNotFoundError } from './tenants.errors.js';
import { TenantsRepository } from './tenants.repository.js';

@Injectable()
export class TenantsService {
  constructor(private readonly tenants: TenantsRepository) {}

  async get(uai: string): Promise<TenantView> {
    const tenant = await this.tenants.findByUai(uai);
    if (!tenant) throw new TenantNotFoundError(uai);
    return { ...tenant, status: 'ready', recordedAt: tenant.recordedAt.toISOString() };
  }
}
