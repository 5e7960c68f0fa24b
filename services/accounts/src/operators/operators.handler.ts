import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { VerifyOperatorCredentials } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { OperatorsService } from './operators.service.js';

@Injectable()
export class OperatorsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly operators: OperatorsService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'accounts', logger: this.logger }, [
      command(VerifyOperatorCredentials, ({ email, password }) => this.operators.verify(email, password)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
