import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { GetAccountByUai, uaiSchema } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

/** The hosting account of a school, for its hosting manager or the operator. */
@Controller('api/v1/schools/:uai/account')
@UseGuards(SchoolAccessGuard)
export class SchoolAccountController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get()
  async get(@Param('uai', new ZodPipe(uaiSchema)) uai: string) {
    return sendCommand(this.bus, GetAccountByUai, { uai }, { timeoutMs: this.timeoutMs });
  }
}
