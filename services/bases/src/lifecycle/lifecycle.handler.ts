import {
  CreateEmptyBase,
  GetBase,
  GetBaseHistory,
  GetBasePanel,
  ListBases,
  RecordRestoredContent,
  SetBaseConsultation,
  StartBase,
  StopBase,
  StopBaseForRestore,
} from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { BasePanelService } from '../history/base-panel.service.js';
import { BasesService } from './bases.service.js';
import { RestoredContentService } from './restored-content.service.js';
import { ServiceStateService } from './service-state.service.js';

/** NATS adapters of the base lifecycle: one line per command. */
@CommandHandler()
export class LifecycleHandler implements CommandProvider {
  constructor(
    private readonly bases: BasesService,
    private readonly serviceState: ServiceStateService,
    private readonly panel: BasePanelService,
    private readonly restoredContent: RestoredContentService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(CreateEmptyBase, (request) => this.bases.createEmpty(request)),
      command(ListBases, async ({ uai }) => ({ bases: await this.bases.list(uai) })),
      command(GetBase, ({ uai, baseId }) => this.bases.get(uai, baseId)),
      command(SetBaseConsultation, ({ uai, baseId, consultation, actor }) => this.bases.setConsultation(uai, baseId, consultation, actor)),
      command(StartBase, ({ uai, baseId, actor, sprPassword }) => this.serviceState.start(uai, baseId, actor, sprPassword)),
      command(StopBase, ({ uai, baseId, actor }) => this.serviceState.stop(uai, baseId, actor)),
      command(StopBaseForRestore, async ({ uai, baseId, actor }) => {
        await this.serviceState.stop(uai, baseId, actor, 'restore');
        return { baseId, state: 'stopped' as const };
      }),
      command(RecordRestoredContent, (request) => this.restoredContent.record(request)),
      command(GetBasePanel, ({ uai }) => this.panel.panel(uai)),
      command(GetBaseHistory, async ({ uai, baseId, limit }) => ({ entries: await this.panel.history(uai, baseId, limit) })),
    ];
  }
}
