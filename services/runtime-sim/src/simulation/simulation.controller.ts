import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  type OpenConnectionRequest,
  type RecordActivityRequest,
  type RuntimeStatus,
  openConnectionRequestSchema,
  recordActivityRequestSchema,
  uaiSchema,
} from '@pronote/contracts';
import { z } from 'zod';
import type { RuntimeConnection } from '../runtime/runtime-connection.js';
import { SimulationService } from './simulation.service.js';
import { ZodPipe } from '@pronote/service-kit';

const uaiPipe = new ZodPipe(uaiSchema);

/** The simulator's own API (not the gateway's): users typing into a served base, connecting and leaving. */
@Controller('sim/schools/:uai')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Get()
  status(@Param('uai', uaiPipe) uai: string): Promise<RuntimeStatus> {
    return this.simulation.status(uai);
  }

  @Post('entries')
  @HttpCode(200)
  recordActivity(@Param('uai', uaiPipe) uai: string, @Body(new ZodPipe(recordActivityRequestSchema)) body: RecordActivityRequest): Promise<RuntimeStatus> {
    return this.simulation.recordActivity(uai, body.entries);
  }

  @Post('connections')
  openConnection(@Param('uai', uaiPipe) uai: string, @Body(new ZodPipe(openConnectionRequestSchema)) body: OpenConnectionRequest): Promise<RuntimeConnection> {
    return this.simulation.openConnection(uai, body);
  }

  @Get('connections')
  listConnections(@Param('uai', uaiPipe) uai: string): Promise<RuntimeConnection[]> {
    return this.simulation.listConnections(uai);
  }

  @Delete('connections/:connectionId')
  @HttpCode(204)
  closeConnection(@Param('uai', uaiPipe) uai: string, @Param('connectionId', new ZodPipe(z.uuid())) connectionId: string): Promise<void> {
    return this.simulation.closeConnection(uai, connectionId);
  }
}
