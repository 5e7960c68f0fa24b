import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG } from '../config/settings.module.js';
import { constantTimeEqual } from '../credentials/constant-time.js';
import { normalizeSerialNumber } from './authority/serial-number.js';
import { issueServerCertificate } from './authority/server-certificate.js';
import { CertificateAuthorityHolder } from './certificate-authority.holder.js';
import { EnrolmentDisabledError, EnrolmentTokenInvalidError } from './server-certificates.errors.js';
import { ServerCertificatesRepository } from './server-certificates.repository.js';

export interface EnrolmentRequest {
  enrolmentToken: string;
  dnsNames: string[];
  ipAddresses: string[];
}

/**
 * Issues the gateway's HTTPS certificate from our issuing CA, to a caller holding the shared
 * enrolment token. The key is made here and returned once (trust model: docs/accounts-and-access.md).
 */
@Injectable()
export class ServerCertificatesService {
  constructor(
    private readonly ca: CertificateAuthorityHolder,
    private readonly certificates: ServerCertificatesRepository,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async enrol(request: EnrolmentRequest) {
    const expected = this.config.GATEWAY_ENROLMENT_TOKEN;
    if (expected === undefined) throw new EnrolmentDisabledError();
    if (!constantTimeEqual(request.enrolmentToken, expected)) {
      this.logger.warn({ event: 'server_certificate.enrolment_refused' }, 'server certificate asked with a wrong enrolment token');
      throw new EnrolmentTokenInvalidError();
    }
    const issued = await issueServerCertificate(this.ca.authority, {
      dnsNames: request.dnsNames,
      ipAddresses: request.ipAddresses,
      validityMs: this.config.SERVER_CERTIFICATE_VALIDITY_MS,
    });
    const serialNumber = normalizeSerialNumber(issued.serialNumber);
    await this.certificates.record({
      serialNumber,
      fingerprintSha256: issued.fingerprintSha256,
      dnsNames: request.dnsNames,
      ipAddresses: request.ipAddresses,
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
    });
    this.logger.info(
      { event: 'server_certificate.issued', serialNumber, dnsNames: request.dnsNames, ipAddresses: request.ipAddresses, notAfter: issued.notAfter },
      'server certificate issued to the gateway',
    );
    return {
      serialNumber,
      certificatePem: issued.certificatePem,
      privateKeyPem: issued.privateKeyPem,
      chainPem: [...issued.chainPem],
      notBefore: issued.notBefore.toISOString(),
      notAfter: issued.notAfter.toISOString(),
    };
  }
}
