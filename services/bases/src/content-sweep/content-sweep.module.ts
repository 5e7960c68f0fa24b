import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { ContentSweepScheduler } from './content-sweep.scheduler.js';

@Module({
  imports: [LifecycleModule],
  providers: [ContentSweepScheduler],
})
export class ContentSweepModule {}
