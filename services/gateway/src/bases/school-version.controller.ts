import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { RequestPreVersion, uaiSchema } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { actorOf } from './school-actor.js';

export const preVersionRequestSchema = z.strictObject({ version: z.number().int().min(2000).max(2099) });

/** A school asks for the pre-version early (Fiche 3); the window rules are the bases service's. */
@Controller('api/v1/schools/:uai/version')
@UseGuards(SchoolAccessGuard)
export class SchoolVersionController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Post('pre-version')
  @HttpCode(201)
  requestPreVersion(@Param('uai', new ZodPipe(uaiSchema)) uai: string, @Body(new ZodPipe(preVersionRequestSchema)) body: { version: number }, @Req() request: AuthenticatedRequest) {
    return sendCommand(this.bus, RequestPreVersion, { uai, version: body.version, actor: actorOf(request) }, { timeoutMs: this.timeoutMs });
  }
}
