import { VerifyOperatorCredentials } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { OperatorsService } from './operators.service.js';

@CommandHandler()
export class OperatorsHandler implements CommandProvider {
  constructor(
    private readonly operators: OperatorsService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(VerifyOperatorCredentials, ({ email, password }) => this.operators.verify(email, password)),
    ];
  }
}
