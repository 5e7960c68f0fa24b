import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import { PRISMA } from '@pronote/service-kit';
import type { ClientCertificate as CertificateRow, PrismaClient } from '../generated/prisma/client.js';
import type { HistoryLine } from '../history/history-line.js';
import type { RevokedCertificate, RevocationReason } from './authority/crl.js';
import type { ClientCertificate } from './client-certificate.js';

export type NewClientCertificate = Pick<ClientCertificate, 'id' | 'accountId' | 'deviceName' | 'serialNumber' | 'fingerprintSha256' | 'notBefore' | 'notAfter'>;

export interface Revocation {
  reason: RevocationReason;
  history: HistoryLine;
  event: OutboxRecord;
}

/** Issued client certificates (never their keys: those only ever exist inside the PKCS#12 handed out once). */
@Injectable()
export class CertificatesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The new certificate, and the one it replaces revoked as superseded, in one transaction. */
  async insert(certificate: NewClientCertificate, history: HistoryLine, event: OutboxRecord, replaced?: { id: string } & Revocation): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.clientCertificate.create({ data: certificate });
      await tx.accountHistory.create({ data: history });
      await tx.outboxEvent.create({ data: event });
      if (replaced) {
        await tx.clientCertificate.updateMany({
          where: { id: replaced.id, status: 'active' },
          data: { status: 'revoked', revokedAt: new Date(), revocationReason: replaced.reason },
        });
        await tx.accountHistory.create({ data: replaced.history });
        await tx.outboxEvent.create({ data: replaced.event });
      }
    });
  }

  async findForAccount(accountId: string, id: string): Promise<ClientCertificate | null> {
    const row = await this.prisma.clientCertificate.findFirst({ where: { id, accountId } });
    return row ? toCertificate(row) : null;
  }

  async listForAccount(accountId: string): Promise<ClientCertificate[]> {
    const rows = await this.prisma.clientCertificate.findMany({ where: { accountId }, orderBy: { issuedAt: 'desc' } });
    return rows.map(toCertificate);
  }

  /** False when it was revoked meanwhile. */
  async revoke(id: string, revocation: Revocation): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.clientCertificate.updateMany({
        where: { id, status: 'active' },
        data: { status: 'revoked', revokedAt: new Date(), revocationReason: revocation.reason },
      });
      if (count === 0) return false;
      await tx.accountHistory.create({ data: revocation.history });
      await tx.outboxEvent.create({ data: revocation.event });
      return true;
    });
  }

  /** What the CRL lists: revoked certificates not yet expired (an expired one is refused anyway). */
  async revokedEntries(now = new Date()): Promise<RevokedCertificate[]> {
    const rows = await this.prisma.clientCertificate.findMany({
      where: { status: 'revoked', notAfter: { gt: now } },
      orderBy: { revokedAt: 'asc' },
    });
    return rows.map((row) => ({ serial: row.serialNumber, revokedAt: row.revokedAt ?? now, reason: row.revocationReason as RevocationReason }));
  }

  async recordUse(serialNumber: string, accountId: string, ip: string): Promise<void> {
    await this.prisma.clientCertificate.updateMany({ where: { serialNumber, accountId }, data: { lastUsedAt: new Date(), lastUsedIp: ip } });
  }
}

function toCertificate(row: CertificateRow): ClientCertificate {
  return { ...row };
}
