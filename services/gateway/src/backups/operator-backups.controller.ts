import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { ListBackupAlerts, ListBackupFailures, ListDrills, uaiSchema } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import { OperatorGuard } from '../auth/operator.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { sendBackupsCommand } from './backups-commands.js';

const limit = z.coerce.number().int().min(1).max(1000).default(200);
const failuresQuery = new ZodPipe(z.strictObject({ uai: uaiSchema.optional(), limit }));
const alertsQuery = new ZodPipe(z.strictObject({ uai: uaiSchema.optional() }));
const drillsQuery = new ZodPipe(z.strictObject({ result: z.enum(['match', 'mismatch', 'error']).optional(), limit }));

/** The operator's watch over backups of every school: failed runs, active alerts, restore drills. */
@Controller('api/v1/operator/backups')
@UseGuards(OperatorGuard)
export class OperatorBackupsController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get('failures')
  failures(@Query(failuresQuery) query: { uai?: string; limit: number }) {
    return sendBackupsCommand(this.bus, this.timeoutMs, ListBackupFailures, query);
  }

  @Get('alerts')
  alerts(@Query(alertsQuery) query: { uai?: string }) {
    return sendBackupsCommand(this.bus, this.timeoutMs, ListBackupAlerts, query);
  }

  @Get('drills')
  drills(@Query(drillsQuery) query: { result?: 'match' | 'mismatch' | 'error'; limit: number }) {
    return sendBackupsCommand(this.bus, this.timeoutMs, ListDrills, query);
  }
}
