import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Leases on a school's orders, one row per school: the only Prisma caller of the feature. */
@Injectable()
export class SchoolLocksRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Takes the lease if nobody holds it or the holder's lease expired; true when taken. */
  async tryAcquire(uai: string, token: string, order: string, leaseMs: number): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<Array<{ token: string }>>`
      INSERT INTO "SchoolOrderLock" ("uai", "token", "order", "expiresAt")
      VALUES (${uai}, ${token}::uuid, ${order}, now() + ${leaseMs} * interval '1 millisecond')
      ON CONFLICT ("uai") DO UPDATE SET "token" = EXCLUDED."token", "order" = EXCLUDED."order", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "SchoolOrderLock"."expiresAt" < now()
      RETURNING "token"::text AS token`;
    return rows.length === 1 && rows[0]!.token === token;
  }

  async release(uai: string, token: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "SchoolOrderLock" WHERE "uai" = ${uai} AND "token" = ${token}::uuid`;
  }
}
