import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { GetTrustMaterial, IssueClientCertificate, ListClientCertificates, RevokeClientCertificate } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { CertificatesService } from './certificates.service.js';
import { CrlPublisher } from './crl-publisher.js';

/** NATS adapter of client certificates and of the trust material the gateway loads. */
@Injectable()
export class CertificatesHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly certificates: CertificatesService,
    private readonly crls: CrlPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'accounts', logger: this.logger }, [
      command(IssueClientCertificate, (request) => this.certificates.issue(request)),
      command(ListClientCertificates, ({ accountId }) => this.certificates.list(accountId)),
      command(RevokeClientCertificate, ({ accountId, certificateId, reason }) => this.certificates.revoke(accountId, certificateId, reason)),
      command(GetTrustMaterial, () => this.crls.trustMaterial()),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
