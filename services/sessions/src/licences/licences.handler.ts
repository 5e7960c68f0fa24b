import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { AcquireLicence, GetLicences, ReleaseLicence, SetAdminReserve } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { LicencesService } from './licences.service.js';

/** NATS adapter: the runtime's acquire/release, the console's reads and reserve. */
@Injectable()
export class LicencesHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly licences: LicencesService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'sessions', logger: this.logger }, [
      command(GetLicences, ({ uai }) => this.licences.view(uai)),
      command(SetAdminReserve, ({ uai, reserved }) => this.licences.setAdminReserve(uai, reserved)),
      command(AcquireLicence, ({ uai, holderId, administrator, userName }) => this.licences.acquire(uai, holderId, administrator, userName)),
      command(ReleaseLicence, ({ uai, holderId }) => this.licences.release(uai, holderId)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
