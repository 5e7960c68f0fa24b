import { BeginUpload, CompleteUpload, GetUpload, GetUploadTarget, RecordUploadPart } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { UploadsService } from './uploads.service.js';

@CommandHandler()
export class UploadsHandler implements CommandProvider {
  constructor(
    private readonly uploads: UploadsService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(BeginUpload, (request) => this.uploads.begin(request)),
      command(GetUpload, ({ uai, uploadId }) => this.uploads.get(uai, uploadId)),
      command(GetUploadTarget, ({ uai, uploadId }) => this.uploads.target(uai, uploadId)),
      command(RecordUploadPart, (request) => this.uploads.recordPart(request)),
      command(CompleteUpload, ({ uai, uploadId, actor }) => this.uploads.complete(uai, uploadId, actor)),
    ];
  }
}
