import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand, RemoteCommandError } from '@pronote/bus';
import {
  CreateAccount,
  GetAccount,
  GetTenantOfAccount,
  TenantErrorCode,
  type AccountView,
  type CreateAccountRequest,
  createAccountRequestSchema,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { OperatorGuard } from '../auth/operator.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

export interface OperatorAccountView extends AccountView {
  tenant: { status: 'ready' | 'pending'; recordedAt: string | null };
}

const accountIdParam = new ZodPipe(z.uuid({ message: 'the account id is a UUID' }));

/** Operator API over hosting accounts: NATS commands to `accounts`, tenant status from `bases`. */
@Controller('api/v1/operator/accounts')
@UseGuards(OperatorGuard)
export class OperatorAccountsController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Post()
  @HttpCode(201)
  async create(
    @Body(new ZodPipe(createAccountRequestSchema)) body: CreateAccountRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountView> {
    const account = await sendCommand(this.bus, CreateAccount, body, { timeoutMs: this.timeoutMs });
    void reply.header('location', `/api/v1/operator/accounts/${account.id}`);
    return account;
  }

  @Get(':accountId')
  async get(@Param('accountId', accountIdParam) accountId: string): Promise<OperatorAccountView> {
    const [account, tenant] = await Promise.all([
      sendCommand(this.bus, GetAccount, { accountId }, { timeoutMs: this.timeoutMs }),
      this.tenantStatus(accountId),
    ]);
    return { ...account, tenant };
  }

  private async tenantStatus(accountId: string): Promise<OperatorAccountView['tenant']> {
    try {
      const tenant = await sendCommand(this.bus, GetTenantOfAccount, { accountId }, { timeoutMs: this.timeoutMs });
      return { status: 'ready', recordedAt: tenant.recordedAt };
    } catch (error) {
      if (error instanceof RemoteCommandError && error.code === TenantErrorCode.TENANT_NOT_FOUND) {
        return { status: 'pending', recordedAt: null };
      }
      throw error;
    }
  }
}
