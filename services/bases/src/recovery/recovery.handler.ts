import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { GetRecovery, PrepareNextYear, StartRecovery, UploadPreparation } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { PreparationService } from './preparation.service.js';
import { RecoveryService } from './recovery.service.js';

@Injectable()
export class RecoveryHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly recoveries: RecoveryService,
    private readonly preparations: PreparationService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'bases', logger: this.logger }, [
      command(StartRecovery, (request) => this.recoveries.start(request)),
      command(GetRecovery, ({ uai, recoveryId }) => this.recoveries.get(uai, recoveryId)),
      command(PrepareNextYear, ({ uai, baseId, actor }) => this.preparations.prepare(uai, baseId, actor)),
      command(UploadPreparation, ({ uai, file, actor }) => this.preparations.upload(uai, file, actor)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
