import { IssueServerCertificate } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { ServerCertificatesRepository } from './server-certificates.repository.js';
import { ServerCertificatesService } from './server-certificates.service.js';

/** NATS adapter of the gateway's enrolment. */
@CommandHandler()
export class ServerCertificatesHandler implements CommandProvider {
  constructor(private readonly certificates: ServerCertificatesService) {}

  commands(): CommandBinding[] {
    return [command(IssueServerCertificate, (request) => this.certificates.enrol(request))];
  }
}

/** Registered in AccountsModule next to the client-certificate providers. */
export const SERVER_CERTIFICATE_PROVIDERS = [ServerCertificatesRepository, ServerCertificatesService, ServerCertificatesHandler];
