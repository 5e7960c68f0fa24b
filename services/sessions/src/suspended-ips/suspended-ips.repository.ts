import { Inject, Injectable } from '@nestjs/common';
import { type OutboxRecord, claimMessage } from '@pronote/bus';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface SuspendedAddress {
  address: string;
  until: Date;
  level: number;
  failures: number;
}

@Injectable()
export class SuspendedIpsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async recordFailure(consumer: string, messageId: string, clientIp: string, hostingNumber: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      await tx.loginFailureSource.upsert({
        where: { clientIp_hostingNumber: { clientIp, hostingNumber } },
        create: { clientIp, hostingNumber, lastFailureAt: at },
        update: { lastFailureAt: at },
      });
      return true;
    });
  }

  async recordSuspension(consumer: string, messageId: string, suspension: SuspendedAddress): Promise<boolean> {
    const { address: clientIp, until, level, failures } = suspension;
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimMessage(tx, consumer, messageId))) return false;
      await tx.ipSuspension.upsert({ where: { clientIp }, create: { clientIp, until, level, failures }, update: { until, level, failures, suspendedAt: new Date() } });
      return true;
    });
  }

  /** Addresses suspended now that failed to log into this hosting number. */
  async suspendedFor(hostingNumber: string, now: Date): Promise<SuspendedAddress[]> {
    const sources = await this.prisma.loginFailureSource.findMany({ where: { hostingNumber }, select: { clientIp: true } });
    if (sources.length === 0) return [];
    const rows = await this.prisma.ipSuspension.findMany({
      where: { clientIp: { in: sources.map((s) => s.clientIp) }, until: { gt: now } },
      orderBy: { suspendedAt: 'desc' },
    });
    return rows.map((row) => ({ address: row.clientIp, until: row.until, level: row.level, failures: row.failures }));
  }

  /** Forgets the addresses (suspension and this school's failures) and records the event, together. */
  async unblock(hostingNumber: string, addresses: string[], event: OutboxRecord): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.ipSuspension.deleteMany({ where: { clientIp: { in: addresses } } });
      await tx.loginFailureSource.deleteMany({ where: { hostingNumber, clientIp: { in: addresses } } });
      await tx.outboxEvent.create({ data: event });
    });
  }
}
