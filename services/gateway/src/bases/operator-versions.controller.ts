import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { GetVersionSwitch, ListVersionReleases, PutVersionRelease, RunVersionSwitch, putVersionReleaseRequestSchema } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import { OperatorGuard } from '../auth/operator.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

const versionParam = new ZodPipe(z.coerce.number().int().min(2000).max(2099));
const runBody = new ZodPipe(z.strictObject({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).optional());

/** Operator: the PRONOTE version catalogue and the yearly switch campaign (Fiche 3). */
@Controller('api/v1/operator/versions')
@UseGuards(OperatorGuard)
export class OperatorVersionsController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get()
  list() {
    return sendCommand(this.bus, ListVersionReleases, {}, { timeoutMs: this.timeoutMs });
  }

  @Put(':version')
  put(@Param('version', versionParam) version: number, @Body(new ZodPipe(putVersionReleaseRequestSchema)) body: z.infer<typeof putVersionReleaseRequestSchema>) {
    return sendCommand(this.bus, PutVersionRelease, { ...body, version }, { timeoutMs: this.timeoutMs });
  }

  @Post(':version/switch')
  @HttpCode(202)
  runSwitch(@Param('version', versionParam) version: number, @Body(runBody) body: { today?: string } | undefined) {
    return sendCommand(this.bus, RunVersionSwitch, { version, actor: 'operator', ...body }, { timeoutMs: this.timeoutMs });
  }

  @Get(':version/switch')
  switchProgress(@Param('version', versionParam) version: number) {
    return sendCommand(this.bus, GetVersionSwitch, { version }, { timeoutMs: this.timeoutMs });
  }
}
