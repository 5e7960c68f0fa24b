import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { ChangePassword, GetAccount, ListClientCertificates, RevokeClientCertificate, SetSprPassword } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { type ConsoleRequest, ConsoleSessionGuard } from './console-session.guard.js';
import { changePasswordSchema, revokeSchema, sprPasswordSchema } from './console-requests.js';
import { SessionStore } from './session-store.js';

const certificateIdParam = new ZodPipe(z.uuid({ message: 'the certificate id is a UUID' }));

/** "Mon compte" of the hosting manager: every route needs the school's certificate and a live session. */
@Controller('api/v1/console')
@UseGuards(ConsoleSessionGuard)
export class ConsoleAccountController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
    private readonly sessions: SessionStore,
  ) {}

  @Get('me')
  async me(@Req() request: ConsoleRequest) {
    return sendCommand(this.bus, GetAccount, { accountId: this.session(request).accountId }, { timeoutMs: this.timeoutMs });
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: ConsoleRequest): Promise<void> {
    await this.sessions.close(this.session(request).accessToken);
  }

  @Put('password')
  async changePassword(@Body(new ZodPipe(changePasswordSchema)) body: z.infer<typeof changePasswordSchema>, @Req() request: ConsoleRequest) {
    return sendCommand(this.bus, ChangePassword, { accountId: this.session(request).accountId, ...body }, { timeoutMs: this.timeoutMs });
  }

  @Put('spr-password')
  async setSprPassword(@Body(new ZodPipe(sprPasswordSchema)) body: z.infer<typeof sprPasswordSchema>, @Req() request: ConsoleRequest) {
    return sendCommand(this.bus, SetSprPassword, { accountId: this.session(request).accountId, ...body }, { timeoutMs: this.timeoutMs });
  }

  /** The school's devices: one certificate each. */
  @Get('certificates')
  async certificates(@Req() request: ConsoleRequest) {
    return sendCommand(this.bus, ListClientCertificates, { accountId: this.session(request).accountId }, { timeoutMs: this.timeoutMs });
  }

  @Post('certificates/:certificateId/revoke')
  @HttpCode(200)
  async revoke(
    @Param('certificateId', certificateIdParam) certificateId: string,
    @Body(new ZodPipe(revokeSchema)) body: z.infer<typeof revokeSchema>,
    @Req() request: ConsoleRequest,
  ) {
    return sendCommand(
      this.bus,
      RevokeClientCertificate,
      { accountId: this.session(request).accountId, certificateId, reason: body.reason },
      { timeoutMs: this.timeoutMs * 2 },
    );
  }

  private session(request: ConsoleRequest) {
    return request.consoleSession!;
  }
}
