import { GetTrustMaterial, IssueClientCertificate, ListClientCertificates, RevokeClientCertificate } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { CertificatesService } from './certificates.service.js';
import { CrlPublisher } from './crl-publisher.js';

/** NATS adapter of client certificates and of the trust material the gateway loads. */
@CommandHandler()
export class CertificatesHandler implements CommandProvider {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly crls: CrlPublisher,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(IssueClientCertificate, (request) => this.certificates.issue(request)),
      command(ListClientCertificates, ({ accountId }) => this.certificates.list(accountId)),
      command(RevokeClientCertificate, ({ accountId, certificateId, reason }) => this.certificates.revoke(accountId, certificateId, reason)),
      command(GetTrustMaterial, () => this.crls.trustMaterial()),
    ];
  }
}
