import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { HistoryLine } from './history-line.js';

@Injectable()
export class HistoryRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async latest(accountId: string, limit: number): Promise<(Omit<HistoryLine, 'accountId'> & { at: Date })[]> {
    const rows = await this.prisma.accountHistory.findMany({ where: { accountId }, orderBy: { at: 'desc' }, take: limit });
    return rows.map((row) => ({ id: row.id, action: row.action, details: row.details as HistoryLine['details'], at: row.at }));
  }
}
