import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import { readFile } from 'node:fs/promises';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG, KEYRING } from '../config/settings.module.js';
import {
  createCertificateAuthority,
  loadIssuingAuthorityFromPemFiles,
  openCaSigner,
  openIssuingAuthority,
} from './authority/certificate-authority.js';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './authority/certificate-authority.errors.js';
import { generateCrl, readCrlNumber } from './authority/crl.js';
import type { CertificateSigner, IssuingAuthority } from './authority/issuing-authority.js';
import type { KeyEncryptionKeyring } from './authority/key-sealing.js';
import { x509 } from './authority/x509.js';
import { type CaState, CaStateRepository } from './ca-state.repository.js';

interface OpenedAuthority {
  authority: IssuingAuthority;
  /** Absent when the operator brought the CA: the root CRL then comes from CA_ROOT_CRL_FILE. */
  rootSigner?: CertificateSigner;
}

/**
 * The opened CA of this process. Either created on the first start of the platform (root + issuing
 * keys sealed under CA_KEY_ENCRYPTION_KEY) and opened from the database afterwards, or brought by the
 * operator as PEM files (the root key never comes near us).
 */
@Injectable()
export class CertificateAuthorityHolder implements OnModuleInit {
  private opened: OpenedAuthority | undefined;

  constructor(
    private readonly state: CaStateRepository,
    @Inject(KEYRING) private readonly keyring: KeyEncryptionKeyring,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.opened = this.config.CA_ISSUING_CERT_FILE ? await this.openFromFiles() : await this.openOwn();
  }

  get authority(): IssuingAuthority {
    return this.ready().authority;
  }

  get rootSigner(): CertificateSigner | undefined {
    return this.ready().rootSigner;
  }

  /** The root-signed CRL covering the issuing CA: signed here, or read from the operator's file. */
  async rootCrl(crlNumber: bigint, nextUpdate: Date): Promise<{ pem: string; crlNumber: bigint }> {
    const { rootSigner } = this.ready();
    if (rootSigner) return generateCrl(rootSigner, { crlNumber, revoked: [], nextUpdate });
    const pem = await readFile(this.config.CA_ROOT_CRL_FILE!, 'utf8');
    const crl = new x509.X509Crl(pem);
    if (crl.issuer !== this.authority.rootCertificate.subject || !(await crl.verify({ publicKey: this.authority.rootCertificate }))) {
      throw new CertificateAuthorityError(CertificateAuthorityErrorCode.CHAIN_BROKEN, 'CA_ROOT_CRL_FILE is not a CRL signed by the configured root.');
    }
    return { pem, crlNumber: readCrlNumber(crl) ?? 0n };
  }

  private ready(): OpenedAuthority {
    if (!this.opened) throw new Error('the certificate authority is not open yet');
    return this.opened;
  }

  private async openOwn(): Promise<OpenedAuthority> {
    let stored = await this.state.load();
    if (!stored) {
      const created = await this.generate();
      if (await this.state.createOnce(created)) this.logger.info({ event: 'ca.created' }, 'internal certificate authority created');
      stored = (await this.state.load())!;
    }
    if (!stored.rootSealedKey || !stored.issuingSealedKey) {
      throw new CertificateAuthorityError(CertificateAuthorityErrorCode.SEALED_KEY_UNREADABLE, 'this database holds a CA brought as PEM files: configure CA_*_FILE again');
    }
    const [authority, rootSigner] = await Promise.all([
      openIssuingAuthority({ rootCertificatePem: stored.rootCertificatePem, issuing: { certificatePem: stored.issuingCertificatePem, sealedPrivateKey: stored.issuingSealedKey } }, this.keyring),
      openCaSigner({ certificatePem: stored.rootCertificatePem, sealedPrivateKey: stored.rootSealedKey }, this.keyring),
    ]);
    return { authority, rootSigner };
  }

  private async openFromFiles(): Promise<OpenedAuthority> {
    const authority = await loadIssuingAuthorityFromPemFiles({
      rootCertificatePath: this.config.CA_ROOT_CERT_FILE!,
      issuingCertificatePath: this.config.CA_ISSUING_CERT_FILE!,
      issuingPrivateKeyPath: this.config.CA_ISSUING_KEY_FILE!,
      ...(this.config.CA_ISSUING_KEY_PASSPHRASE ? { issuingPrivateKeyPassphrase: this.config.CA_ISSUING_KEY_PASSPHRASE } : {}),
    });
    this.opened = { authority };
    const [issuingCertificatePem, rootCertificatePem] = authority.chainPem as [string, string];
    const stored = await this.state.load();
    if (stored && stored.issuingCertificatePem !== issuingCertificatePem) {
      throw new CertificateAuthorityError(
        CertificateAuthorityErrorCode.KEY_CERTIFICATE_MISMATCH,
        'the configured issuing CA is not the one this database issued certificates with: changing CA needs a migration of the issued certificates',
      );
    }
    if (!stored) {
      const nextUpdate = new Date(Date.now() + this.config.CRL_LIFETIME_MS);
      const [issuingCrl, rootCrl] = await Promise.all([generateCrl(authority.issuing, { crlNumber: 1n, revoked: [], nextUpdate }), this.rootCrl(0n, nextUpdate)]);
      await this.state.createOnce({
        rootCertificatePem,
        rootSealedKey: null,
        issuingCertificatePem,
        issuingSealedKey: null,
        rootCrlPem: rootCrl.pem,
        rootCrlNumber: rootCrl.crlNumber,
        issuingCrlPem: issuingCrl.pem,
        issuingCrlNumber: 1n,
        crlNextUpdate: nextUpdate,
      });
      this.logger.info({ event: 'ca.loaded_from_files' }, 'certificate authority brought as PEM files');
    }
    return { authority };
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
