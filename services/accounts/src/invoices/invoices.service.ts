import { Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { InvoiceRecorded, type InvoiceView, type RecordInvoiceRequest } from '@pronote/contracts';
import { OutboxPublisher } from '@pronote/service-kit';
import { randomUUID } from 'node:crypto';
import { AccountNotFoundError } from '../accounts/accounts.errors.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import { eventMeta } from '../history/event-meta.js';
import { historyLine } from '../history/history-line.js';
import { InvoicesRepository } from './invoices.repository.js';

/** The operator records each hosting invoice; the last one's number unlocks certificate downloads (Fiche 2). */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly accounts: AccountsRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async record(request: RecordInvoiceRequest): Promise<InvoiceView> {
    const account = await this.accounts.findById(request.accountId);
    if (!account) throw new AccountNotFoundError(request.accountId);
    const id = randomUUID();
    const event = outboxRecord(
      InvoiceRecorded,
      { invoiceId: id, accountId: account.id, uai: account.uai, number: request.number, issuedOn: request.issuedOn },
      eventMeta(),
    );
    const view = await this.invoices.record(
      {
        id,
        accountId: account.id,
        number: request.number,
        issuedOn: new Date(request.issuedOn),
        amountCents: request.amountCents,
        periodStart: new Date(request.periodStart),
        periodEnd: new Date(request.periodEnd),
      },
      historyLine(account.id, 'invoice.recorded', { number: request.number, issuedOn: request.issuedOn, amountCents: request.amountCents }),
      event,
    );
    this.outbox.notify();
    return view;
  }

  async list(accountId: string): Promise<{ items: InvoiceView[] }> {
    if (!(await this.accounts.findById(accountId))) throw new AccountNotFoundError(accountId);
    return { items: await this.invoices.list(accountId) };
  }
}
