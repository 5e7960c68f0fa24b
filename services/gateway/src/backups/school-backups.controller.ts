import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import {
  ArchiveDownloadLink,
  GetRestorePoint,
  ListBackupAlerts,
  ListRestorePoints,
  PreviewRestore,
  RestoreFromPoint,
  TakeManualBackup,
  restoreRequestSchema,
  uaiSchema,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { actorOf } from '../bases/school-actor.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { RUNTIME_WORK_FACTOR, sendBackupsCommand } from './backups-commands.js';

const uaiParam = new ZodPipe(uaiSchema);
const pointIdParam = new ZodPipe(z.uuid({ message: 'the backup id is a UUID' }));
const restoreBody = new ZodPipe(restoreRequestSchema.optional());

/** "Sauvegardes et archives" of the school console (Fiche 9, "Mes archives"); rules in the backups service. */
@Controller('api/v1/schools/:uai/backups')
@UseGuards(SchoolAccessGuard)
export class SchoolBackupsController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get()
  list(@Param('uai', uaiParam) uai: string) {
    return sendBackupsCommand(this.bus, this.timeoutMs, ListRestorePoints, { uai });
  }

  @Post()
  @HttpCode(201)
  manual(@Param('uai', uaiParam) uai: string) {
    return sendBackupsCommand(this.bus, this.timeoutMs, TakeManualBackup, { uai }, RUNTIME_WORK_FACTOR);
  }

  @Get('alerts')
  alerts(@Param('uai', uaiParam) uai: string) {
    return sendBackupsCommand(this.bus, this.timeoutMs, ListBackupAlerts, { uai });
  }

  @Get(':restorePointId')
  detail(@Param('uai', uaiParam) uai: string, @Param('restorePointId', pointIdParam) restorePointId: string) {
    return sendBackupsCommand(this.bus, this.timeoutMs, GetRestorePoint, { uai, restorePointId });
  }

  @Get(':restorePointId/restore-preview')
  preview(@Param('uai', uaiParam) uai: string, @Param('restorePointId', pointIdParam) restorePointId: string) {
    return sendBackupsCommand(this.bus, this.timeoutMs, PreviewRestore, { uai, restorePointId });
  }

  @Post(':restorePointId/restore')
  @HttpCode(200)
  restore(
    @Param('uai', uaiParam) uai: string,
    @Param('restorePointId', pointIdParam) restorePointId: string,
    @Body(restoreBody) body: z.infer<typeof restoreRequestSchema> | undefined,
    @Req() request: AuthenticatedRequest,
  ) {
    const confirmation = { confirmStop: body?.confirmStop ?? false, acknowledgeCorrupt: body?.acknowledgeCorrupt ?? false };
    return sendBackupsCommand(this.bus, this.timeoutMs, RestoreFromPoint, { uai, restorePointId, ...confirmation, actor: actorOf(request) }, RUNTIME_WORK_FACTOR);
  }

  @Get(':restorePointId/download')
  download(@Param('uai', uaiParam) uai: string, @Param('restorePointId', pointIdParam) restorePointId: string) {
    return sendBackupsCommand(this.bus, this.timeoutMs, ArchiveDownloadLink, { uai, restorePointId });
  }
}
