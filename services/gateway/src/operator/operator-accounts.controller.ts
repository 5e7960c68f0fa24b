import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import {
  CreateAccount,
  type AccountView,
  type CreateAccountRequest,
  createAccountRequestSchema,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { OperatorGuard } from '../auth/operator.guard.js';
import { AccountReads, type OperatorAccountView } from './account-reads.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

const accountIdParam = new ZodPipe(z.uuid({ message: 'the account id is a UUID' }));

/** Operator API over hosting accounts: NATS commands to `accounts`, tenant status from `bases`. */
@Controller('api/v1/operator/accounts')
@UseGuards(OperatorGuard)
export class OperatorAccountsController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
    private readonly reads: AccountReads,
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

  /**
   * The id is checked by the same pipe, called here rather than declared on the param: the hottest
   * operator read then skips Nest's asynchronous pipe chain (about ten promises per request, each
   * paying the correlation context's promise hooks).
   */
  @Get(':accountId')
  get(@Param('accountId') accountId: string): Promise<OperatorAccountView> {
    return this.reads.operatorView(accountIdParam.transform(accountId));
  }
}
