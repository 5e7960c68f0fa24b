import { ListInvoices, RecordInvoice } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { InvoicesService } from './invoices.service.js';

@CommandHandler()
export class InvoicesHandler implements CommandProvider {
  constructor(
    private readonly invoices: InvoicesService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(RecordInvoice, (request) => this.invoices.record(request)),
      command(ListInvoices, ({ accountId }) => this.invoices.list(accountId)),
    ];
  }
}
