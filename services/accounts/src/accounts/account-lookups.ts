import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@pronote/service-kit';
import type pg from 'pg';
import type { Account } from './account.js';

/**
 * The gateway's hot read (`GetAccounts`, a batch of ids per command) as one prepared statement on the
 * service's plain `pg` pool: Prisma's query interpreter costs about three times the round trip here,
 * and this read runs for every console page that shows an account.
 */
@Injectable()
export class AccountLookups {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async byIds(ids: readonly string[]): Promise<Account[]> {
    const { rows } = await this.pool.query<Account>({
      name: 'accounts-by-ids',
      text: `SELECT id, uai, "schoolName", "hostingNumber", "contactEmail", "contactPhone", licences, status, "createdAt"
             FROM "Account" WHERE id = ANY($1::uuid[])`,
      values: [ids],
    });
    return rows;
  }
}
