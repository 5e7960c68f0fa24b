import { Inject, Injectable } from '@nestjs/common';
import type { OutboxRecord } from '@pronote/bus';
import type { InvoiceView } from '@pronote/contracts';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import { DomainError, AccountErrorCode } from '@pronote/contracts';
import type { Invoice, PrismaClient } from '../generated/prisma/client.js';
import type { HistoryLine } from '../history/history-line.js';

export interface NewInvoice {
  id: string;
  accountId: string;
  number: string;
  issuedOn: Date;
  amountCents: number;
  periodStart: Date;
  periodEnd: Date;
}

@Injectable()
export class InvoicesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async record(invoice: NewInvoice, history: HistoryLine, event: OutboxRecord): Promise<InvoiceView> {
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const created = await tx.invoice.create({ data: invoice });
        await tx.accountHistory.create({ data: history });
        await tx.outboxEvent.create({ data: event });
        return created;
      });
      return toView(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(AccountErrorCode.INVOICE_ALREADY_RECORDED, `invoice ${invoice.number} is already recorded for this account`);
      }
      throw error;
    }
  }

  async list(accountId: string): Promise<InvoiceView[]> {
    const rows = await this.prisma.invoice.findMany({ where: { accountId }, orderBy: [{ issuedOn: 'desc' }, { recordedAt: 'desc' }] });
    return rows.map(toView);
  }

  /** The last invoice: latest issue date, then latest recorded (two invoices on one day). */
  async lastNumber(accountId: string): Promise<string | null> {
    const row = await this.prisma.invoice.findFirst({ where: { accountId }, orderBy: [{ issuedOn: 'desc' }, { recordedAt: 'desc' }] });
    return row?.number ?? null;
  }
}

function toView(row: Invoice): InvoiceView {
  return {
    id: row.id,
    accountId: row.accountId,
    number: row.number,
    issuedOn: isoDate(row.issuedOn),
    amountCents: row.amountCents,
    periodStart: isoDate(row.periodStart),
    periodEnd: isoDate(row.periodEnd),
    recordedAt: row.recordedAt.toISOString(),
  };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
