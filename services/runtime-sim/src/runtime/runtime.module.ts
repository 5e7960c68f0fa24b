import { type DynamicModule, Module } from '@nestjs/common';
import type { RuntimeSimConfig } from '../config/runtime-sim.config.js';
import { ContentObjects } from '../storage/content-objects.js';
import { ContentRestore } from './content-restore.js';
import { ProtocolService } from './protocol.service.js';
import { ReplyFaults } from './reply-faults.js';
import { RESTORE_PREPARATION_TTL_MS, RestorePreparations } from './restore-preparations.js';
import { RuntimeHandler } from './runtime.handler.js';
import { RuntimeRepository } from './runtime.repository.js';
import { SANDBOX_UAI } from './sandbox.js';
import { SchoolLocks } from './school-locks.js';

/** A school's runtime: the held base, its connections, and the protocol orders over NATS. */
@Module({})
export class RuntimeModule {
  static register(
    config: Pick<RuntimeSimConfig, 'RUNTIME_SIM_REPLY_DELAY_MS' | 'RUNTIME_SIM_SILENT_ORDERS' | 'RUNTIME_SIM_SANDBOX_UAI' | 'RUNTIME_SIM_RESTORE_PREPARATION_TTL_MS'>,
  ): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: ReplyFaults, useValue: new ReplyFaults({ replyDelayMs: config.RUNTIME_SIM_REPLY_DELAY_MS, silentOrders: config.RUNTIME_SIM_SILENT_ORDERS }) },
        { provide: SANDBOX_UAI, useValue: config.RUNTIME_SIM_SANDBOX_UAI },
        { provide: RESTORE_PREPARATION_TTL_MS, useValue: config.RUNTIME_SIM_RESTORE_PREPARATION_TTL_MS },
        RuntimeRepository,
        SchoolLocks,
        ContentObjects,
        ContentRestore,
        RestorePreparations,
        ProtocolService,
        RuntimeHandler,
      ],
      exports: [ReplyFaults, RuntimeRepository, SchoolLocks],
    };
  }
}
