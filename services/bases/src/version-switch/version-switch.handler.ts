import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { GetVersionSwitch, ListVersionReleases, PutVersionRelease, RequestPreVersion, RunVersionSwitch } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { SwitchCampaignService } from './switch-campaign.service.js';
import { SwitchScheduler } from './switch-scheduler.js';
import { VersionCatalogueService } from './version-catalogue.service.js';

@Injectable()
export class VersionSwitchHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly catalogue: VersionCatalogueService,
    private readonly campaigns: SwitchCampaignService,
    private readonly scheduler: SwitchScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'bases', logger: this.logger }, [
      command(PutVersionRelease, async (request) => {
        const release = await this.catalogue.put(request);
        await this.scheduler.sync();
        return release;
      }),
      command(ListVersionReleases, async () => ({ releases: [...(await this.catalogue.catalogue())] })),
      command(RequestPreVersion, ({ uai, version, actor, today }) => this.catalogue.requestPreVersion(uai, version, actor, today)),
      command(RunVersionSwitch, ({ version, actor, today }) => this.campaigns.run(version, actor, today)),
      command(GetVersionSwitch, ({ version }) => this.campaigns.view(version)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
