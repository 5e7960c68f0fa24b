import { Inject, Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { CertificateIssued, CertificateRevoked, type CertificateView } from '@pronote/contracts';
import { OutboxPublisher } from '@pronote/service-kit';
import { randomUUID } from 'node:crypto';
import type { Account } from '../accounts/account.js';
import { AccountNotFoundError } from '../accounts/accounts.errors.js';
import { AccountsRepository } from '../accounts/accounts.repository.js';
import type { AccountsConfig } from '../config/accounts.config.js';
import { ACCOUNTS_CONFIG } from '../config/settings.module.js';
import { constantTimeEqual } from '../credentials/constant-time.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { eventMeta } from '../history/event-meta.js';
import { historyLine } from '../history/history-line.js';
import { InvoicesRepository } from '../invoices/invoices.repository.js';
import type { RevocationReason } from './authority/crl.js';
import { issueSchoolClientCertificate } from './authority/school-client-certificate.js';
import { normalizeSerialNumber } from './authority/serial-number.js';
import { CertificateAuthorityHolder } from './certificate-authority.holder.js';
import { CertificateAlreadyRevokedError, CertificateNotFoundError, InvoiceNotLastError } from './certificates.errors.js';
import { CertificatesRepository, type Revocation } from './certificates.repository.js';
import type { ClientCertificate } from './client-certificate.js';
import { CrlPublisher } from './crl-publisher.js';

const DAY_MS = 86_400_000;

export interface IssueRequest {
  hostingNumber: string;
  password: string;
  lastInvoiceNumber: string;
  deviceName: string;
  replacesCertificateId?: string;
}

/** Client certificates of schools: issuance behind credentials + last invoice (Fiche 2), devices, revocation. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly accounts: AccountsRepository,
    private readonly invoices: InvoicesRepository,
    private readonly credentials: CredentialsService,
    private readonly ca: CertificateAuthorityHolder,
    private readonly crls: CrlPublisher,
    private readonly outbox: OutboxPublisher,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  /** The PKCS#12 and its installation password leave here once; neither is stored nor logged. */
  async issue(request: IssueRequest) {
    const account = await this.credentials.authenticate(request.hostingNumber, request.password);
    const lastInvoice = await this.invoices.lastNumber(account.id);
    if (lastInvoice === null || !constantTimeEqual(lastInvoice, request.lastInvoiceNumber)) throw new InvoiceNotLastError();
    const replaced = request.replacesCertificateId ? await this.activeCertificate(account.id, request.replacesCertificateId) : undefined;

    const issued = await issueSchoolClientCertificate(this.ca.authority, {
      uai: account.uai,
      schoolName: account.schoolName,
      hostingNumber: account.hostingNumber,
      validityDays: this.config.CERTIFICATE_VALIDITY_DAYS,
    });
    const id = randomUUID();
    const serialNumber = normalizeSerialNumber(issued.serialNumber);
    await this.certificates.insert(
      { id, accountId: account.id, deviceName: request.deviceName, serialNumber, fingerprintSha256: issued.fingerprintSha256, notBefore: issued.notBefore, notAfter: issued.notAfter },
      historyLine(account.id, 'certificate.issued', { certificateId: id, serialNumber, deviceName: request.deviceName }),
      outboxRecord(
        CertificateIssued,
        { certificateId: id, accountId: account.id, uai: account.uai, serialNumber, deviceName: request.deviceName, notAfter: issued.notAfter.toISOString() },
        eventMeta(),
      ),
      replaced ? { id: replaced.id, ...this.revocation(account, replaced, 'superseded') } : undefined,
    );
    if (replaced) await this.crls.publish();
    this.outbox.notify();
    return {
      certificateId: id,
      serialNumber,
      notAfter: issued.notAfter.toISOString(),
      pkcs12Base64: issued.pkcs12.toString('base64'),
      installationPassword: issued.installationPassword,
    };
  }

  async list(accountId: string): Promise<{ items: CertificateView[] }> {
    return { items: (await this.certificates.listForAccount(accountId)).map((certificate) => this.toView(certificate)) };
  }

  /** Revoked in the database, then in freshly published CRLs that the gateway loads within seconds. */
  async revoke(accountId: string, certificateId: string, reason: RevocationReason): Promise<CertificateView> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new AccountNotFoundError(accountId);
    const certificate = await this.activeCertificate(account.id, certificateId);
    if (!(await this.certificates.revoke(certificate.id, this.revocation(account, certificate, reason)))) {
      throw new CertificateAlreadyRevokedError(certificateId);
    }
    await this.crls.publish();
    this.outbox.notify();
    return this.toView((await this.certificates.findForAccount(account.id, certificateId))!);
  }

  async recordUse(accountId: string, serialNumber: string | undefined, ip: string): Promise<void> {
    if (serialNumber) await this.certificates.recordUse(normalizeSerialNumber(serialNumber), accountId, ip);
  }

  private async activeCertificate(accountId: string, certificateId: string): Promise<ClientCertificate> {
    const certificate = await this.certificates.findForAccount(accountId, certificateId);
    if (!certificate) throw new CertificateNotFoundError(certificateId);
    if (certificate.status === 'revoked') throw new CertificateAlreadyRevokedError(certificateId);
    return certificate;
  }

  private revocation(account: Account, certificate: ClientCertificate, reason: RevocationReason): Revocation {
    return {
      reason,
      history: historyLine(account.id, 'certificate.revoked', { certificateId: certificate.id, serialNumber: certificate.serialNumber, reason }),
      event: outboxRecord(
        CertificateRevoked,
        { certificateId: certificate.id, accountId: account.id, uai: account.uai, serialNumber: certificate.serialNumber, reason: reason as never },
        eventMeta(),
      ),
    };
  }

  private toView(certificate: ClientCertificate): CertificateView {
    const now = Date.now();
    const expired = certificate.notAfter.getTime() <= now;
    return {
      id: certificate.id,
      accountId: certificate.accountId,
      deviceName: certificate.deviceName,
      serialNumber: certificate.serialNumber,
      fingerprintSha256: certificate.fingerprintSha256,
      issuedAt: certificate.issuedAt.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
      status: certificate.status === 'revoked' ? 'revoked' : expired ? 'expired' : 'active',
      renewalDue: certificate.status === 'active' && !expired && certificate.notAfter.getTime() - now < this.config.CERTIFICATE_RENEWAL_WARNING_DAYS * DAY_MS,
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      revocationReason: certificate.revocationReason,
      lastUsedAt: certificate.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: certificate.lastUsedIp,
    };
  }
}
