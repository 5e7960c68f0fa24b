import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { IssueServerCertificate } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { ServerCertificatesRepository } from './server-certificates.repository.js';
import { ServerCertificatesService } from './server-certificates.service.js';

/** NATS adapter of the gateway's enrolment. */
@Injectable()
export class ServerCertificatesHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly certificates: ServerCertificatesService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'accounts', logger: this.logger }, [
      command(IssueServerCertificate, (request) => this.certificates.enrol(request)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}

/** Registered in AccountsModule next to the client-certificate providers. */
export const SERVER_CERTIFICATE_PROVIDERS = [ServerCertificatesRepository, ServerCertificatesService, ServerCertificatesHandler];
