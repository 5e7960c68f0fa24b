import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { TrustMaterial } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG } from '../config/settings.module.js';
import { generateCrl } from './authority/crl.js';
import { normalizeSerialNumber } from './authority/serial-number.js';
import { CaStateRepository } from './ca-state.repository.js';
import { CertificateAuthorityHolder } from './certificate-authority.holder.js';
import { CertificatesRepository } from './certificates.repository.js';

/**
 * Publishes both CRLs (issuing CA's and the root's), after every revocation and before they age:
 * a CRL past nextUpdate makes Node refuse every client (CRL_HAS_EXPIRED), so a fresh one is signed
 * once half of the lifetime has gone.
 */
@Injectable()
export class CrlPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: CaStateRepository,
    private readonly certificates: CertificatesRepository,
    private readonly ca: CertificateAuthorityHolder,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.refreshIfAging().catch((error: unknown) => this.logger.error({ err: error, alert: true }, 'CRL refresh failed'));
    }, this.config.CRL_CHECK_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refreshIfAging(now = new Date()): Promise<void> {
    const current = await this.state.load();
    if (current && current.crlNextUpdate.getTime() - now.getTime() < this.config.CRL_LIFETIME_MS / 2) await this.publish();
  }

  /** Signs and stores new CRLs with the next numbers; retries when another replica published meanwhile. */
  async publish(): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.state.load();
      if (!current) throw new Error('the certificate authority is not created');
      const revoked = await this.certificates.revokedEntries();
      const nextUpdate = new Date(Date.now() + this.config.CRL_LIFETIME_MS);
      const [issuingCrl, rootCrl] = await Promise.all([
        generateCrl(this.ca.authority.issuing, { crlNumber: current.issuingCrlNumber + 1n, revoked, nextUpdate }),
        this.ca.rootCrl(current.rootCrlNumber + 1n, nextUpdate),
      ]);
      const published = await this.state.publishCrls(current.issuingCrlNumber, {
        issuingCrlPem: issuingCrl.pem,
        issuingCrlNumber: issuingCrl.crlNumber,
        rootCrlPem: rootCrl.pem,
        rootCrlNumber: rootCrl.crlNumber,
        crlNextUpdate: nextUpdate,
      });
      if (published) {
        this.logger.info({ event: 'crl.published', crlNumber: issuingCrl.crlNumber.toString(), revoked: revoked.length }, 'CRLs published');
        return;
      }
    }
    throw new Error('could not publish the CRLs: too many concurrent publications');
  }

  async trustMaterial(): Promise<TrustMaterial> {
    const current = await this.state.load();
    if (!current) throw new Error('the certificate authority is not created');
    const revoked = await this.certificates.revokedEntries();
    return {
      caChainPem: [...this.ca.authority.chainPem],
      crlPem: [current.issuingCrlPem, current.rootCrlPem],
      version: `${current.issuingCrlNumber}.${current.rootCrlNumber}`,
      nextUpdate: current.crlNextUpdate.toISOString(),
      revokedSerials: revoked.map((entry) => normalizeSerialNumber(entry.serial)),
    };
  }
}
