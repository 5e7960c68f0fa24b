import { Module } from '@nestjs/common';
import { CaStateRepository } from '../certificates/ca-state.repository.js';
import { CertificateAuthorityHolder } from '../certificates/certificate-authority.holder.js';
import { CertificatesHandler } from '../certificates/certificates.handler.js';
import { CertificatesRepository } from '../certificates/certificates.repository.js';
import { CertificatesService } from '../certificates/certificates.service.js';
import { CrlPublisher } from '../certificates/crl-publisher.js';
import { SERVER_CERTIFICATE_PROVIDERS } from '../certificates/server-certificates.handler.js';
import { CredentialsHandler } from '../credentials/credentials.handler.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { HistoryRepository } from '../history/history.repository.js';
import { InvoicesHandler } from '../invoices/invoices.handler.js';
import { InvoicesRepository } from '../invoices/invoices.repository.js';
import { InvoicesService } from '../invoices/invoices.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AccountsHandler } from './accounts.handler.js';
import { AccountLookups } from './account-lookups.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';

/** Accounts, their credentials, invoices and client certificates: one bounded context, one feature folder each. */
@Module({
  imports: [NotificationsModule],
  providers: [
    AccountsRepository,
    AccountLookups,
    HistoryRepository,
    AccountsService,
    AccountsHandler,
    CredentialsRepository,
    CredentialsService,
    CredentialsHandler,
    InvoicesRepository,
    InvoicesService,
    InvoicesHandler,
    CaStateRepository,
    CertificateAuthorityHolder,
    CertificatesRepository,
    CertificatesService,
    CrlPublisher,
    CertificatesHandler,
    ...SERVER_CERTIFICATE_PROVIDERS,
  ],
})
export class AccountsModule {}
