import { GetRecovery, PrepareNextYear, StartRecovery, UploadPreparation } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { PreparationService } from './preparation.service.js';
import { RecoveryService } from './recovery.service.js';

@CommandHandler()
export class RecoveryHandler implements CommandProvider {
  constructor(
    private readonly recoveries: RecoveryService,
    private readonly preparations: PreparationService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(StartRecovery, (request) => this.recoveries.start(request)),
      command(GetRecovery, ({ uai, recoveryId }) => this.recoveries.get(uai, recoveryId)),
      command(PrepareNextYear, ({ uai, baseId, actor }) => this.preparations.prepare(uai, baseId, actor)),
      command(UploadPreparation, ({ uai, file, actor }) => this.preparations.upload(uai, file, actor)),
    ];
  }
}
