import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import {
  GetRecovery,
  ImportEdtTransfer,
  PrepareNextYear,
  StartRecovery,
  UploadPreparation,
  edtTransferSchema,
  startRecoveryRequestSchema,
  uaiSchema,
  type CommandContract,
  type RequestOf,
  type ResponseOf,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { actorOf } from './school-actor.js';

const uaiParam = new ZodPipe(uaiSchema);
const idParam = new ZodPipe(z.uuid({ message: 'a UUID is expected' }));
const edtImportBody = new ZodPipe(z.strictObject({ transfer: edtTransferSchema }));
const preparationBody = new ZodPipe(z.strictObject({ file: z.unknown() }));

/** What goes into a base besides its lifecycle: EDT initialisation (Fiche 6), last year's data (Fiche 7). */
@Controller('api/v1/schools/:uai/bases')
@UseGuards(SchoolAccessGuard)
export class SchoolBaseDataController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Post(':baseId/edt-import')
  @HttpCode(200)
  importEdt(@Param('uai', uaiParam) uai: string, @Param('baseId', idParam) baseId: string, @Body(edtImportBody) body: { transfer: z.infer<typeof edtTransferSchema> }, @Req() request: AuthenticatedRequest) {
    return this.send(ImportEdtTransfer, { uai, baseId, transfer: body.transfer, actor: actorOf(request) });
  }

  @Post(':baseId/recoveries')
  @HttpCode(202)
  recover(@Param('uai', uaiParam) uai: string, @Param('baseId', idParam) baseId: string, @Body(new ZodPipe(startRecoveryRequestSchema)) body: z.infer<typeof startRecoveryRequestSchema>, @Req() request: AuthenticatedRequest) {
    return this.send(StartRecovery, { ...body, uai, baseId, actor: actorOf(request) });
  }

  @Get('recoveries/:recoveryId')
  recovery(@Param('uai', uaiParam) uai: string, @Param('recoveryId', idParam) recoveryId: string) {
    return this.send(GetRecovery, { uai, recoveryId });
  }

  @Post(':baseId/preparation')
  @HttpCode(201)
  prepareNextYear(@Param('uai', uaiParam) uai: string, @Param('baseId', idParam) baseId: string, @Req() request: AuthenticatedRequest) {
    return this.send(PrepareNextYear, { uai, baseId, actor: actorOf(request) });
  }

  @Post('preparations')
  @HttpCode(201)
  uploadPreparation(@Param('uai', uaiParam) uai: string, @Body(preparationBody) body: { file?: unknown }, @Req() request: AuthenticatedRequest) {
    return this.send(UploadPreparation, { uai, file: body.file, actor: actorOf(request) });
  }

  private send<C extends CommandContract>(contract: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    return sendCommand(this.bus, contract, request, { timeoutMs: this.timeoutMs });
  }
}
