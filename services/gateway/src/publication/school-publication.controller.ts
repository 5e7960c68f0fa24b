import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import {
  DefineCasDelegation,
  DefineWsFederationDelegation,
  GetDelegations,
  GetPublication,
  ListEntPresets,
  SetDelegationActive,
  SetEspaceDelegations,
  SetEspacePublished,
  SetPublication,
  defineCasDelegationRequestSchema,
  defineWsFederationRequestSchema,
  publicationEspaceSchema,
  setDelegationActiveRequestSchema,
  setEspaceDelegationsRequestSchema,
  setEspacePublishedRequestSchema,
  uaiSchema,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { actorOf } from '../bases/school-actor.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

const uaiParam = new ZodPipe(uaiSchema);
const espaceParam = new ZodPipe(publicationEspaceSchema);
const delegationIdParam = new ZodPipe(z.uuid({ message: 'the delegation id is a UUID' }));
const body = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);

/** The "PRONOTE.net" pane of the school console (Fiche 10); rules in the publication service. */
@Controller('api/v1/schools/:uai/publication')
@UseGuards(SchoolAccessGuard)
export class SchoolPublicationController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get()
  get(@Param('uai', uaiParam) uai: string) {
    return sendCommand(this.bus, GetPublication, { uai }, { timeoutMs: this.timeoutMs });
  }

  /** "Arrêter la publication" / "Publier la base". */
  @Put()
  set(@Param('uai', uaiParam) uai: string, @Body(body(SetPublication.request.pick({ enabled: true }).strict())) request: { enabled: boolean }, @Req() req: AuthenticatedRequest) {
    return sendCommand(this.bus, SetPublication, { uai, enabled: request.enabled, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }

  @Put('espaces/:espace')
  setEspace(
    @Param('uai', uaiParam) uai: string,
    @Param('espace', espaceParam) espace: z.infer<typeof publicationEspaceSchema>,
    @Body(body(setEspacePublishedRequestSchema)) request: z.infer<typeof setEspacePublishedRequestSchema>,
    @Req() req: AuthenticatedRequest,
  ) {
    return sendCommand(this.bus, SetEspacePublished, { uai, espace, published: request.published, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }

  @Get('delegations')
  delegations(@Param('uai', uaiParam) uai: string) {
    return sendCommand(this.bus, GetDelegations, { uai }, { timeoutMs: this.timeoutMs });
  }

  @Get('ent-presets')
  presets() {
    return sendCommand(this.bus, ListEntPresets, {}, { timeoutMs: this.timeoutMs });
  }

  @Post('delegations/cas')
  @HttpCode(201)
  defineCas(@Param('uai', uaiParam) uai: string, @Body(body(defineCasDelegationRequestSchema)) settings: z.infer<typeof defineCasDelegationRequestSchema>, @Req() req: AuthenticatedRequest) {
    return sendCommand(this.bus, DefineCasDelegation, { uai, settings, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }

  @Put('delegations/cas/:delegationId')
  editCas(
    @Param('uai', uaiParam) uai: string,
    @Param('delegationId', delegationIdParam) delegationId: string,
    @Body(body(defineCasDelegationRequestSchema)) settings: z.infer<typeof defineCasDelegationRequestSchema>,
    @Req() req: AuthenticatedRequest,
  ) {
    return sendCommand(this.bus, DefineCasDelegation, { uai, delegationId, settings, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }

  @Post('delegations/ws-federation')
  @HttpCode(201)
  defineWsFederation(@Param('uai', uaiParam) uai: string, @Body(body(defineWsFederationRequestSchema)) request: z.infer<typeof defineWsFederationRequestSchema>, @Req() req: AuthenticatedRequest) {
    return sendCommand(this.bus, DefineWsFederationDelegation, { uai, ...request, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }

  @Put('delegations/:delegationId/active')
  setActive(
    @Param('uai', uaiParam) uai: string,
    @Param('delegationId', delegationIdParam) delegationId: string,
    @Body(body(setDelegationActiveRequestSchema)) request: z.infer<typeof setDelegationActiveRequestSchema>,
    @Req() req: AuthenticatedRequest,
  ) {
    return sendCommand(this.bus, SetDelegationActive, { uai, delegationId, active: request.active, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }

  @Put('espace-delegations')
  chooseForEspaces(@Param('uai', uaiParam) uai: string, @Body(body(setEspaceDelegationsRequestSchema)) request: z.infer<typeof setEspaceDelegationsRequestSchema>, @Req() req: AuthenticatedRequest) {
    return sendCommand(this.bus, SetEspaceDelegations, { uai, choices: request.choices, actor: actorOf(req) }, { timeoutMs: this.timeoutMs });
  }
}
