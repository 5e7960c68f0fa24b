import { Injectable } from '@nestjs/common';
import type { TenantView } from '@pronote/contracts';
import type { Tenant } from './tenant.js';
import { TenantNotFoundError } from './tenants.errors.js';
import { TenantLookups } from './tenant-lookups.js';
import { TenantsRepository } from './tenants.repository.js';

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly lookups: TenantLookups,
  ) {}

  async get(uai: string): Promise<TenantView> {
    const tenant = await this.tenants.findByUai(uai);
    if (!tenant) throw new TenantNotFoundError(uai);
    return toView(tenant);
  }

  async getOfAccounts(accountIds: readonly string[]): Promise<{ items: TenantView[] }> {
    return { items: (await this.lookups.byAccountIds(accountIds)).map(toView) };
  }
}

function toView(tenant: Tenant): TenantView {
  return { ...tenant, status: 'ready', recordedAt: tenant.recordedAt.toISOString() };
}
