import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { SwitchCampaignService } from './switch-campaign.service.js';
import { SwitchScheduler } from './switch-scheduler.js';
import { VersionCatalogueService } from './version-catalogue.service.js';
import { VersionSwitchHandler } from './version-switch.handler.js';
import { VersionSwitchRepository } from './version-switch.repository.js';

@Module({
  imports: [LifecycleModule],
  providers: [VersionSwitchRepository, VersionCatalogueService, SwitchCampaignService, SwitchScheduler, VersionSwitchHandler],
})
export class VersionSwitchModule {}
