import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import type { DeliveryView } from '@pronote/contracts';
import { PRISMA } from '@pronote/service-kit';
import type { SealedPrivateKey } from '../certificates/authority/key-sealing.js';
import { Prisma, type CredentialDelivery, type PrismaClient } from '../generated/prisma/client.js';
import type { Channel } from './notification-sender.js';

export interface ClaimedDelivery {
  id: string;
  accountId: string;
  channel: Channel;
  purpose: DeliveryView['purpose'];
  recipient: string;
  sealedBody: SealedPrivateKey;
  attempts: number;
}

const MAX_ATTEMPTS = 10;
const CLAIM_MS = 60_000;

/** The notification outbox: rows are written by the credentials flows, sent and wiped by the dispatcher. */
@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Claims up to `limit` unsent rows for this process (conditional update: one claimer wins). */
  async claimPending(limit: number, now = new Date()): Promise<ClaimedDelivery[]> {
    const free = { sentAt: null, attempts: { lt: MAX_ATTEMPTS }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
    const candidates = await this.prisma.credentialDelivery.findMany({ where: free, orderBy: { createdAt: 'asc' }, take: limit });
    const claimed: ClaimedDelivery[] = [];
    for (const row of candidates) {
      const { count } = await this.prisma.credentialDelivery.updateMany({
        where: { id: row.id, ...free },
        data: { claimedUntil: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
      });
      if (count === 1 && row.sealedBody) claimed.push(toClaimed(row));
    }
    return claimed;
  }

  /** Sent: the sealed body is wiped in the same transaction that records the event. */
  async markSent(id: string, event: OutboxRecord): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.credentialDelivery.update({ where: { id }, data: { sentAt: new Date(), sealedBody: Prisma.DbNull, lastError: null, claimedUntil: null } });
      await tx.outboxEvent.create({ data: event });
    });
  }

  async markFailed(id: string, error: string, retryAt: Date): Promise<void> {
    await this.prisma.credentialDelivery.update({ where: { id }, data: { lastError: error.slice(0, 500), claimedUntil: retryAt } });
  }

  async listForAccount(accountId: string): Promise<DeliveryView[]> {
    const rows = await this.prisma.credentialDelivery.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' }, take: 200 });
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      purpose: row.purpose,
      recipient: row.recipient,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      attempts: row.attempts,
      lastError: row.lastError,
    }));
  }
}

function toClaimed(row: CredentialDelivery): ClaimedDelivery {
  return {
    id: row.id,
    accountId: row.accountId,
    channel: row.channel,
    purpose: row.purpose,
    recipient: row.recipient,
    sealedBody: row.sealedBody as unknown as SealedPrivateKey,
    attempts: row.attempts + 1,
  };
}
