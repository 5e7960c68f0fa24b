import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { CreateAccount, GetAccount, GetAccountByUai, ListAccountHistory, ListAccounts, ReopenAccount, SetLicences, SuspendAccount } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { AccountsService } from './accounts.service.js';

/** NATS adapter: one line per command. */
@Injectable()
export class AccountsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly accounts: AccountsService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'accounts', logger: this.logger }, [
      command(CreateAccount, (request) => this.accounts.create(request)),
      command(GetAccount, ({ accountId }) => this.accounts.get(accountId)),
      command(GetAccountByUai, ({ uai }) => this.accounts.getByUai(uai)),
      command(ListAccountHistory, ({ accountId, limit }) => this.accounts.historyOf(accountId, limit)),
      command(ListAccounts, (request) => this.accounts.list(request)),
      command(SuspendAccount, ({ accountId, reason }) => this.accounts.suspend(accountId, reason)),
      command(ReopenAccount, ({ accountId }) => this.accounts.reopen(accountId)),
      command(SetLicences, ({ accountId, licences }) => this.accounts.setLicences(accountId, licences)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
