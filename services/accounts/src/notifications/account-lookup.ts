import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';

/** The little the dispatcher needs to know of an account. */
@Injectable()
export class AccountLookup {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async uaiOf(accountId: string): Promise<string> {
    const row = await this.prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { uai: true } });
    return row.uai;
  }
}
