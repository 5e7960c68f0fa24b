import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@pronote/service-kit';
import type pg from 'pg';
import type { Tenant } from './tenant.js';

/**
 * The gateway's hot read (`GetTenantsOfAccounts`, a batch of account ids per command) as one prepared
 * statement on the service's plain `pg` pool: Prisma's query interpreter costs about three times the
 * round trip here.
 */
@Injectable()
export class TenantLookups {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async byAccountIds(accountIds: readonly string[]): Promise<Tenant[]> {
    const { rows } = await this.pool.query<Tenant>({
      name: 'tenants-by-account-ids',
      text: `SELECT uai, "accountId", "schoolName", "recordedAt" FROM "Tenant" WHERE "accountId" = ANY($1::uuid[])`,
      values: [accountIds],
    });
    return rows;
  }
}
