import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  applyDecorators,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { Bus } from '@pronote/bus';
import type { Logger } from '@pronote/observability';
import { type CommandBinding, type CommandGroup, serveCommands } from './commands.js';
import { BUS } from './messaging.module.js';
import { LOGGER, SERVICE_NAME } from './tokens.js';

const commandHandlerMarker = DiscoveryService.createDecorator();

/** A NATS adapter of a feature: one line per command, nothing else. */
export interface CommandProvider {
  commands(): CommandBinding[];
}

/** Marks a provider whose `commands()` the service serves on its queue group. */
export function CommandHandler(): ClassDecorator {
  return applyDecorators(commandHandlerMarker(), Injectable());
}

/**
 * Serves every `@CommandHandler()` of the service once the application is up, on one queue group
 * named after the service, and drains them first on shutdown (before connections close).
 */
@Injectable()
export class CommandHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private group: CommandGroup | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SERVICE_NAME) private readonly service: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const bindings = this.discovery
      .getProviders({ metadataKey: commandHandlerMarker.KEY })
      .flatMap((wrapper) => (wrapper.instance as CommandProvider).commands());
    if (bindings.length > 0) this.group = serveCommands(this.bus, { queue: this.service, logger: this.logger }, bindings);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.group?.stop();
  }
}

@Module({ imports: [DiscoveryModule], providers: [CommandHost] })
export class CommandHostModule {}
