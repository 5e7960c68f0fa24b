import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { BeginUpload, CompleteUpload, GetUpload, GetUploadTarget, RecordUploadPart } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { UploadsService } from './uploads.service.js';

@Injectable()
export class UploadsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly uploads: UploadsService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'bases', logger: this.logger }, [
      command(BeginUpload, (request) => this.uploads.begin(request)),
      command(GetUpload, ({ uai, uploadId }) => this.uploads.get(uai, uploadId)),
      command(GetUploadTarget, ({ uai, uploadId }) => this.uploads.target(uai, uploadId)),
      command(RecordUploadPart, (request) => this.uploads.recordPart(request)),
      command(CompleteUpload, ({ uai, uploadId, actor }) => this.uploads.complete(uai, uploadId, actor)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
