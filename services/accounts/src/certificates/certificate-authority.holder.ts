import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG, KEYRING } from '../config/settings.module.js';
import { createCertificateAuthority, openCaSigner, openIssuingAuthority } from './authority/certificate-authority.js';
import { generateCrl } from './authority/crl.js';
import type { CertificateSigner, IssuingAuthority } from './authority/issuing-authority.js';
import type { KeyEncryptionKeyring } from './authority/key-sealing.js';
import { type CaState, CaStateRepository } from './ca-state.repository.js';

/**
 * The opened CA of this process. Created on the first start of the platform (root + issuing keys
 * sealed under CA_KEY_ENCRYPTION_KEY), loaded and opened on every later start.
 */
@Injectable()
export class CertificateAuthorityHolder implements OnModuleInit {
  private opened: { authority: IssuingAuthority; rootSigner: CertificateSigner } | undefined;

  constructor(
    private readonly state: CaStateRepository,
    @Inject(KEYRING) private readonly keyring: KeyEncryptionKeyring,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    let stored = await this.state.load();
    if (!stored) {
      const created = await this.generate();
      if (await this.state.createOnce(created)) this.logger.info({ event: 'ca.created' }, 'internal certificate authority created');
      stored = (await this.state.load())!;
    }
    const [authority, rootSigner] = await Promise.all([
      openIssuingAuthority({ rootCertificatePem: stored.rootCertificatePem, issuing: { certificatePem: stored.issuingCertificatePem, sealedPrivateKey: stored.issuingSealedKey } }, this.keyring),
      openCaSigner({ certificatePem: stored.rootCertificatePem, sealedPrivateKey: stored.rootSealedKey }, this.keyring),
    ]);
    this.opened = { authority, rootSigner };
  }

  get authority(): IssuingAuthority {
    return this.ready().authority;
  }

  get rootSigner(): CertificateSigner {
    return this.ready().rootSigner;
  }

  private ready(): { authority: IssuingAuthority; rootSigner: CertificateSigner } {
    if (!this.opened) throw new Error('the certificate authority is not open yet');
    return this.opened;
  }

  private async generate(): Promise<CaState> {
    const generated = await createCertificateAuthority({ organization: this.config.CA_ORGANIZATION, keyring: this.keyring });
    const [authority, rootSigner] = await Promise.all([
      openIssuingAuthority({ rootCertificatePem: generated.root.certificatePem, issuing: generated.issuing }, this.keyring),
      openCaSigner(generated.root, this.keyring),
    ]);
    const nextUpdate = new Date(Date.now() + this.config.CRL_LIFETIME_MS);
    const [issuingCrl, rootCrl] = await Promise.all([
      generateCrl(authority.issuing, { crlNumber: 1n, revoked: [], nextUpdate }),
      generateCrl(rootSigner, { crlNumber: 1n, revoked: [], nextUpdate }),
    ]);
    return {
      rootCertificatePem: generated.root.certificatePem,
      rootSealedKey: generated.root.sealedPrivateKey,
      issuingCertificatePem: generated.issuing.certificatePem,
      issuingSealedKey: generated.issuing.sealedPrivateKey,
      rootCrlPem: rootCrl.pem,
      rootCrlNumber: 1n,
      issuingCrlPem: issuingCrl.pem,
      issuingCrlNumber: 1n,
      crlNextUpdate: nextUpdate,
    };
  }
}
