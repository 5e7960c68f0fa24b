import { AcquireLicence, GetLicences, ReleaseLicence, SetAdminReserve } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { LicencesService } from './licences.service.js';

/** NATS adapter: the runtime's acquire/release, the console's reads and reserve. */
@CommandHandler()
export class LicencesHandler implements CommandProvider {
  constructor(
    private readonly licences: LicencesService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(GetLicences, ({ uai }) => this.licences.view(uai)),
      command(SetAdminReserve, ({ uai, reserved }) => this.licences.setAdminReserve(uai, reserved)),
      command(AcquireLicence, ({ uai, holderId, administrator, userName }) => this.licences.acquire(uai, holderId, administrator, userName)),
      command(ReleaseLicence, ({ uai, holderId }) => this.licences.release(uai, holderId)),
    ];
  }
}
