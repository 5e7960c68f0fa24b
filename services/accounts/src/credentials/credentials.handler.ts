import { ChangePassword, DefineInitialSprPassword, GetSprPasswordStatus, ListCredentialDeliveries, ResendCredentials, SetSprPassword, VerifyConsoleCredentials, VerifySprPassword } from '@pronote/contracts';
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { CertificatesService } from '../certificates/certificates.service.js';
import { CredentialsService } from './credentials.service.js';

/** NATS adapter of hosting and SPR credentials. */
@CommandHandler()
export class CredentialsHandler implements CommandProvider {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly certificates: CertificatesService,
  ) {}

  commands(): CommandBinding[] {
    return [
      command(ResendCredentials, ({ uai }) => this.credentials.resend(uai)),
      command(ChangePassword, ({ accountId, oldPassword, newPassword }) => this.credentials.changePassword(accountId, oldPassword, newPassword)),
      command(VerifyConsoleCredentials, async ({ hostingNumber, password, certificateSerial, clientIp }) => {
        const account = await this.credentials.authenticate(hostingNumber, password);
        await this.certificates.recordUse(account.id, certificateSerial, clientIp);
        return { accountId: account.id, uai: account.uai, hostingNumber: account.hostingNumber };
      }),
      command(SetSprPassword, ({ accountId, password }) => this.credentials.setSprPassword(accountId, password)),
      command(GetSprPasswordStatus, ({ uai }) => this.credentials.sprPasswordStatus(uai)),
      command(DefineInitialSprPassword, ({ uai, password }) => this.credentials.defineInitialSprPassword(uai, password)),
      command(VerifySprPassword, ({ uai, password }) => this.credentials.verifySprPassword(uai, password)),
      command(ListCredentialDeliveries, ({ accountId }) => this.credentials.deliveriesOf(accountId)),
    ];
  }
}
