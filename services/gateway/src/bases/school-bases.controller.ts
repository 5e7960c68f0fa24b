import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import {
  CreateEmptyBase,
  GetBase,
  GetBaseHistory,
  GetBasePanel,
  ListBases,
  SetBaseConsultation,
  StartBase,
  StopBase,
  createEmptyBaseRequestSchema,
  startBaseRequestSchema,
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
const baseIdParam = new ZodPipe(z.uuid({ message: 'the base id is a UUID' }));
const consultationBody = new ZodPipe(z.strictObject({ consultation: z.boolean() }));
const historyQuery = new ZodPipe(z.strictObject({ baseId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }));

/** Orders that wait for the runtime (a stop then a start) get more time than a plain query. */
const RUNTIME_ORDER_FACTOR = 4;

/** The school's bases (Fiches 4, 9, 11): one line per route, rules in the bases service. */
@Controller('api/v1/schools/:uai/bases')
@UseGuards(SchoolAccessGuard)
export class SchoolBasesController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get()
  list(@Param('uai', uaiParam) uai: string) {
    return this.send(ListBases, { uai });
  }

  @Post()
  @HttpCode(201)
  createEmpty(@Param('uai', uaiParam) uai: string, @Body(new ZodPipe(createEmptyBaseRequestSchema)) body: z.infer<typeof createEmptyBaseRequestSchema>, @Req() request: AuthenticatedRequest) {
    return this.send(CreateEmptyBase, { ...body, uai, actor: actorOf(request) });
  }

  @Get('panel')
  panel(@Param('uai', uaiParam) uai: string) {
    return this.send(GetBasePanel, { uai });
  }

  @Get('history')
  history(@Param('uai', uaiParam) uai: string, @Query(historyQuery) query: { baseId?: string; limit?: number }) {
    return this.send(GetBaseHistory, { uai, ...query });
  }

  @Get(':baseId')
  get(@Param('uai', uaiParam) uai: string, @Param('baseId', baseIdParam) baseId: string) {
    return this.send(GetBase, { uai, baseId });
  }

  @Post(':baseId/start')
  @HttpCode(200)
  start(
    @Param('uai', uaiParam) uai: string,
    @Param('baseId', baseIdParam) baseId: string,
    @Body(new ZodPipe(startBaseRequestSchema.optional())) body: z.infer<typeof startBaseRequestSchema> | undefined,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.send(StartBase, { uai, baseId, ...body, actor: actorOf(request) }, RUNTIME_ORDER_FACTOR);
  }

  @Post(':baseId/stop')
  @HttpCode(200)
  stop(@Param('uai', uaiParam) uai: string, @Param('baseId', baseIdParam) baseId: string, @Req() request: AuthenticatedRequest) {
    return this.send(StopBase, { uai, baseId, actor: actorOf(request) }, RUNTIME_ORDER_FACTOR);
  }

  @Put(':baseId/consultation')
  consultation(
    @Param('uai', uaiParam) uai: string,
    @Param('baseId', baseIdParam) baseId: string,
    @Body(consultationBody) body: { consultation: boolean },
    @Req() request: AuthenticatedRequest,
  ) {
    return this.send(SetBaseConsultation, { uai, baseId, consultation: body.consultation, actor: actorOf(request) });
  }

  private send<C extends CommandContract>(contract: C, request: RequestOf<C>, factor = 1): Promise<ResponseOf<C>> {
    return sendCommand(this.bus, contract, request, { timeoutMs: this.timeoutMs * factor });
  }
}
