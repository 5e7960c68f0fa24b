import { Inject, Injectable } from '@nestjs/common';
import { BatchedRead, type Bus } from '@pronote/bus';
import { AccountErrorCode, type AccountView, DomainError, GetAccounts, GetTenantsOfAccounts, type TenantView } from '@pronote/contracts';
import { BUS } from '@pronote/service-kit';
import { type GatewayConfig } from '../config/gateway.config.js';
import { GATEWAY_CONFIG } from '../console/console.tokens.js';

export interface OperatorAccountView extends AccountView {
  tenant: { status: 'ready' | 'pending'; recordedAt: string | null };
}

/**
 * The operator's view of an account: the account from `accounts` and its tenant from `bases`, asked in
 * parallel. Concurrent reads are batched into one command per service (see `BatchedRead`).
 */
@Injectable()
export class AccountReads {
  private readonly accounts: BatchedRead<typeof GetAccounts, AccountView>;
  private readonly tenants: BatchedRead<typeof GetTenantsOfAccounts, TenantView>;

  constructor(@Inject(BUS) bus: Bus, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const batching = { timeoutMs: config.COMMAND_TIMEOUT_MS, windowMs: config.READ_BATCH_WINDOW_MS };
    this.accounts = new BatchedRead(bus, GetAccounts, {
      request: (accountIds) => ({ accountIds }),
      items: ({ items }) => items,
      keyOf: (account) => account.id,
      ...batching,
    });
    this.tenants = new BatchedRead(bus, GetTenantsOfAccounts, {
      request: (accountIds) => ({ accountIds }),
      items: ({ items }) => items,
      keyOf: (tenant) => tenant.accountId,
      ...batching,
    });
  }

  operatorView(accountId: string): Promise<OperatorAccountView> {
    return Promise.all([this.accounts.load(accountId), this.tenants.load(accountId)]).then(([account, tenant]) => {
      if (!account) throw new DomainError(AccountErrorCode.ACCOUNT_NOT_FOUND, `no hosting account ${accountId}`, { accountId });
      return { ...account, tenant: tenant ? { status: 'ready', recordedAt: tenant.recordedAt } : { status: 'pending', recordedAt: null } };
    });
  }
}
