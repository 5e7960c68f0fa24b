import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus, CommandHandler } from '@pronote/bus';
import {
  type CommandContract,
  RuntimeDisconnect,
  RuntimeRestore,
  RuntimeRestorePrepare,
  RuntimeSnapshot,
  RuntimeStart,
  RuntimeStats,
  RuntimeStop,
} from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandBinding, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import type { RuntimeOrder } from '../config/runtime-sim.config.js';
import { ProtocolService } from './protocol.service.js';
import { ReplyFaults } from './reply-faults.js';

/** Queue group: one simulator instance answers each order. */
export const RUNTIME_QUEUE = 'runtime-sim';

/** NATS adapter of the runtime protocol: every school's orders, on the contracts' wildcard subjects. */
@Injectable()
export class RuntimeHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly protocol: ProtocolService,
    private readonly faults: ReplyFaults,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: RUNTIME_QUEUE, logger: this.logger }, [
      this.order('start', RuntimeStart, (request) => this.protocol.start(request)),
      this.order('stop', RuntimeStop, (request) => this.protocol.stop(request)),
      this.order('snapshot', RuntimeSnapshot, (request) => this.protocol.snapshot(request)),
      this.order('restore_prepare', RuntimeRestorePrepare, (request) => this.protocol.prepareRestore(request)),
      this.order('restore', RuntimeRestore, (request) => this.protocol.restore(request)),
      this.order('stats', RuntimeStats, ({ uai }) => this.protocol.stats(uai)),
      this.order('disconnect', RuntimeDisconnect, ({ uai, connectionId }) => this.protocol.disconnect(uai, connectionId)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.faults.releaseSwallowed();
    await this.commands?.stop();
  }

  /** Wraps an order with fault injection: dropped when silent, answered late when delayed (errors too). */
  private order<C extends CommandContract>(name: RuntimeOrder, contract: C, handle: CommandHandler<C>): CommandBinding {
    return command(contract, async (request) => {
      if (this.faults.isSilent(name)) {
        this.logger.warn({ order: name }, 'order dropped (fault injection)');
        return this.faults.swallow();
      }
      try {
        return await handle(request);
      } finally {
        await this.faults.delayReply();
      }
    });
  }
}
