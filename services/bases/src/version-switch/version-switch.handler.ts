import { GetVersionSwitch, ListVersionReleases, PutVersionRelease, RequestPreVersion, RunVersionSwitch } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { SwitchCampaignService } from './switch-campaign.service.js';
import { SwitchScheduler } from './switch-scheduler.js';
import { VersionCatalogueService } from './version-catalogue.service.js';

@CommandHandler()
export class VersionSwitchHandler implements CommandProvider {
  constructor(
    private readonly catalogue: VersionCatalogueService,
    private readonly campaigns: SwitchCampaignService,
    private readonly scheduler: SwitchScheduler,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(PutVersionRelease, async (request) => {
        const release = await this.catalogue.put(request);
        await this.scheduler.sync();
        return release;
      }),
      command(ListVersionReleases, async () => ({ releases: [...(await this.catalogue.catalogue())] })),
      command(RequestPreVersion, ({ uai, version, actor, today }) => this.catalogue.requestPreVersion(uai, version, actor, today)),
      command(RunVersionSwitch, ({ version, actor, today }) => this.campaigns.run(version, actor, today)),
      command(GetVersionSwitch, ({ version }) => this.campaigns.view(version)),
    ];
  }
}
