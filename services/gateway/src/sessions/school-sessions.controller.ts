import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import {
  DisconnectUser,
  GetLicences,
  ListConnectedUsers,
  ListSuspendedIps,
  SetAdminReserve,
  UnblockSuspendedIps,
  uaiSchema,
  type CommandContract,
  type RequestOf,
  type ResponseOf,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

const uaiParam = new ZodPipe(uaiSchema);
const connectionIdParam = new ZodPipe(z.uuid({ message: 'the connection id is a UUID' }));
export const adminReserveBodySchema = z.strictObject({ reserved: z.number().int().min(0).max(100) });
const adminReserveBody = new ZodPipe(adminReserveBodySchema);

/** A disconnection waits for the runtime: more time than a plain query. */
const RUNTIME_ORDER_FACTOR = 2;

/** "Suivi des connexions" and "Sécurité" (Fiche 11): one line per route, rules in the sessions service. */
@Controller('api/v1/schools/:uai/sessions')
@UseGuards(SchoolAccessGuard)
export class SchoolSessionsController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get('connections')
  connections(@Param('uai', uaiParam) uai: string) {
    return this.send(ListConnectedUsers, { uai });
  }

  @Post('connections/:connectionId/disconnect')
  @HttpCode(202)
  disconnect(@Param('uai', uaiParam) uai: string, @Param('connectionId', connectionIdParam) connectionId: string) {
    return this.send(DisconnectUser, { uai, connectionId }, RUNTIME_ORDER_FACTOR);
  }

  @Get('licences')
  licences(@Param('uai', uaiParam) uai: string) {
    return this.send(GetLicences, { uai });
  }

  @Put('licences/admin-reserve')
  setAdminReserve(@Param('uai', uaiParam) uai: string, @Body(adminReserveBody) body: z.infer<typeof adminReserveBodySchema>) {
    return this.send(SetAdminReserve, { uai, reserved: body.reserved });
  }

  @Get('suspended-ips')
  suspendedIps(@Param('uai', uaiParam) uai: string) {
    return this.send(ListSuspendedIps, { uai });
  }

  @Post('suspended-ips/unblock')
  @HttpCode(200)
  unblock(@Param('uai', uaiParam) uai: string) {
    return this.send(UnblockSuspendedIps, { uai });
  }

  private send<C extends CommandContract>(contract: C, request: RequestOf<C>, factor = 1): Promise<ResponseOf<C>> {
    return sendCommand(this.bus, contract, request, { timeoutMs: this.timeoutMs * factor });
  }
}
