import { CreateAccount, GetAccount, GetAccountByUai, GetAccounts, ListAccountHistory, ListAccounts, ReopenAccount, SetLicences, SuspendAccount } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { AccountsService } from './accounts.service.js';

/** NATS adapter: one line per command. */
@CommandHandler()
export class AccountsHandler implements CommandProvider {
  constructor(
    private readonly accounts: AccountsService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(CreateAccount, (request) => this.accounts.create(request)),
      command(GetAccount, ({ accountId }) => this.accounts.get(accountId)),
      command(GetAccounts, ({ accountIds }) => this.accounts.getMany(accountIds)),
      command(GetAccountByUai, ({ uai }) => this.accounts.getByUai(uai)),
      command(ListAccountHistory, ({ accountId, limit }) => this.accounts.historyOf(accountId, limit)),
      command(ListAccounts, (request) => this.accounts.list(request)),
      command(SuspendAccount, ({ accountId, reason }) => this.accounts.suspend(accountId, reason)),
      command(ReopenAccount, ({ accountId }) => this.accounts.reopen(accountId)),
      command(SetLicences, ({ accountId, licences }) => this.accounts.setLicences(accountId, licences)),
    ];
  }
}
