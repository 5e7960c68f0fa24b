import { Body, Controller, Get, Put } from '@nestjs/common';
import { z } from 'zod';
import { RUNTIME_ORDERS } from '../config/runtime-sim.config.js';
import { type ReplyFaultSettings, ReplyFaults } from '../runtime/reply-faults.js';
import { ZodPipe } from '@pronote/service-kit';

const faultSettingsSchema = z.strictObject({
  replyDelayMs: z.number().int().min(0).max(600_000),
  silentOrders: z.array(z.enum(RUNTIME_ORDERS)),
});

/** Fault injection at run time, for end-to-end tests that share one running simulator. */
@Controller('sim/faults')
export class FaultsController {
  constructor(private readonly faults: ReplyFaults) {}

  @Get()
  current(): ReplyFaultSettings {
    return this.faults.current();
  }

  @Put()
  set(@Body(new ZodPipe(faultSettingsSchema)) settings: ReplyFaultSettings): ReplyFaultSettings {
    this.faults.set(settings);
    return this.faults.current();
  }
}
