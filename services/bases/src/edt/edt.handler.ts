import { ImportEdtTransfer } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { EdtImportService } from './edt-import.service.js';

@CommandHandler()
export class EdtHandler implements CommandProvider {
  constructor(
    private readonly edt: EdtImportService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(ImportEdtTransfer, ({ uai, baseId, transfer, actor }) => this.edt.import(uai, baseId, transfer, actor)),
    ];
  }
}
