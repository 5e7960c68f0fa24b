import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { operatorLoginSchema, VerifyOperatorCredentials } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { LoginAttempts } from '../console/login-attempts.js';
import { withRetryAfter } from '../console/retry-after.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { OperatorGuard } from './operator.guard.js';
import { OperatorSessions } from './operator-sessions.js';

/** Operator login with an own account (argon2id in accounts), throttled like console logins. */
@Controller('api/v1/operator')
export class OperatorLoginController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
    private readonly attempts: LoginAttempts,
    private readonly sessions: OperatorSessions,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodPipe(operatorLoginSchema)) body: z.infer<typeof operatorLoginSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('cache-control', 'no-store');
    const operator = await withRetryAfter(reply, () =>
      this.attempts.run(request.ip, `operator:${body.email}`, () => sendCommand(this.bus, VerifyOperatorCredentials, body, { timeoutMs: this.timeoutMs })),
    );
    return this.sessions.open(operator);
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(OperatorGuard)
  async logout(@Req() request: FastifyRequest): Promise<void> {
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token) await this.sessions.close(token);
  }
}
