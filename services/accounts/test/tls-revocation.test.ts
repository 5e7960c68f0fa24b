import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import { readCertificateIdentity } from '../src/certificates/authority/certificate-identity.js';
import { createTestCertificateAuthority, type TestCertificateAuthority } from '../src/certificates/authority/certificate-authority.fixture.js';
import { generateCrl, type RevokedCertificate } from '../src/certificates/authority/crl.js';
import { type IssuedSchoolCertificate, issueSchoolClientCertificate } from '../src/certificates/authority/school-client-certificate.js';
import { type IssuedServerCertificate, issueServerCertificate } from '../src/certificates/authority/server-certificate.js';

type Outcome = { readonly accepted: true; readonly uai: string } | { readonly accepted: false; readonly reason: string | undefined };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Mutual TLS as the gateway will run it, on loopback, with our CA, our CRLs and the PKCS#12 a
 * school installs. Node puts X509_V_FLAG_CRL_CHECK_ALL on the store as soon as one CRL is given,
 * so the issuing CA needs a CRL from the root too; the last test shows what happens without it.
 */
describe('client certificate revocation in Node TLS', () => {
  let ca: TestCertificateAuthority;
  let other: TestCertificateAuthority;
  let serverCertificate: IssuedServerCertificate;
  let valid: IssuedSchoolCertificate;
  let laterRevoked: IssuedSchoolCertificate;
  let revoked: IssuedSchoolCertificate;
  let expired: IssuedSchoolCertificate;
  let foreign: IssuedSchoolCertificate;
  let rootCrlPem: string;
  let server: tls.Server;
  let port: number;

  const school = (uai: string, hostingNumber: string) => ({ uai, hostingNumber, schoolName: `École ${uai}` });

  beforeAll(async () => {
    [ca, other] = await Promise.all([createTestCertificateAuthority(), createTestCertificateAuthority('Another CA')]);
    [serverCertificate, valid, laterRevoked, revoked, expired, foreign] = await Promise.all([
      issueServerCertificate(ca.authority, { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }),
      issueSchoolClientCertificate(ca.authority, school('0750654D', '100000000001')),
      issueSchoolClientCertificate(ca.authority, school('0750653C', '100000000002')),
      issueSchoolClientCertificate(ca.authority, school('0750654D', '100000000003')),
      issueSchoolClientCertificate(ca.authority, {
        ...school('0750654D', '100000000004'),
        notBefore: new Date(Date.now() - 400 * DAY_MS),
        validityDays: 30,
      }),
      issueSchoolClientCertificate(other.authority, school('0750654D', '100000000001')),
    ]);
    rootCrlPem = (await generateCrl(ca.rootSigner, { crlNumber: 1n, revoked: [] })).pem;
    const issuingCrlPem = await issuingCrl(1n, [{ serial: revoked.serialNumber, revokedAt: new Date(), reason: 'keyCompromise' }]);

    server = tls.createServer(secureContextOptions([issuingCrlPem, rootCrlPem]), (socket) => {
      const identity = readCertificateIdentity(socket.getPeerCertificate());
      socket.end(JSON.stringify({ uai: identity.uai }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function secureContextOptions(crl: string[]): tls.SecureContextOptions & tls.TlsOptions {
    return {
      requestCert: true,
      rejectUnauthorized: true,
      ca: [...ca.authority.chainPem],
      crl,
      key: serverCertificate.privateKeyPem,
      cert: serverCertificate.certificatePem + serverCertificate.chainPem[0],
    };
  }

  async function issuingCrl(crlNumber: bigint, revokedCertificates: RevokedCertificate[]): Promise<string> {
    return (await generateCrl(ca.authority.issuing, { crlNumber, revoked: revokedCertificates })).pem;
  }

  /** Connects with a school's PKCS#12 and reports what the server decided, and why. */
  function connectWith(certificate: IssuedSchoolCertificate): Promise<Outcome> {
    const serverVerdict = new Promise<Outcome>((resolve) => {
      const onRefused = (error: Error & { code?: string }, socket: tls.TLSSocket): void => {
        server.off('secureConnection', onAccepted);
        resolve({ accepted: false, reason: socket.authorizationError?.toString() ?? error.code });
      };
      const onAccepted = (): void => {
        server.off('tlsClientError', onRefused);
      };
      server.once('tlsClientError', onRefused);
      server.once('secureConnection', onAccepted);
    });
    const clientView = new Promise<string>((resolve) => {
      let received = '';
      const socket = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: [ca.authority.chainPem[1]!],
        pfx: certificate.pkcs12,
        passphrase: certificate.installationPassword,
      });
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received));
    });
    return clientView.then((received) =>
      received === '' ? serverVerdict : { accepted: true, uai: (JSON.parse(received) as { uai: string }).uai },
    );
  }

  it('accepts a valid certificate and reads the school from it', async () => {
    await expect(connectWith(valid)).resolves.toEqual({ accepted: true, uai: '0750654D' });
  });

  it('refuses a revoked certificate', async () => {
    await expect(connectWith(revoked)).resolves.toEqual({ accepted: false, reason: 'CERT_REVOKED' });
  });

  it('refuses a certificate from another CA', async () => {
    // The client sends its whole foreign chain; OpenSSL keeps the last of several errors, which
    // here is UNABLE_TO_GET_CRL (no CRL of ours covers that issuer), not an "untrusted" code.
    await expect(connectWith(foreign)).resolves.toEqual({ accepted: false, reason: expect.any(String) });
  });

  it('refuses an expired certificate', async () => {
    await expect(connectWith(expired)).resolves.toEqual({ accepted: false, reason: 'CERT_HAS_EXPIRED' });
  });

  it('applies a new CRL to a running server with setSecureContext, without restart', async () => {
    await expect(connectWith(laterRevoked)).resolves.toMatchObject({ accepted: true });

    server.setSecureContext(
      secureContextOptions([
        await issuingCrl(2n, [
          { serial: revoked.serialNumber, revokedAt: new Date(), reason: 'keyCompromise' },
          { serial: laterRevoked.serialNumber, revokedAt: new Date(), reason: 'cessationOfOperation' },
        ]),
        rootCrlPem,
      ]),
    );

    await expect(connectWith(laterRevoked)).resolves.toEqual({ accepted: false, reason: 'CERT_REVOKED' });
    await expect(connectWith(revoked)).resolves.toEqual({ accepted: false, reason: 'CERT_REVOKED' });
    await expect(connectWith(valid)).resolves.toEqual({ accepted: true, uai: '0750654D' });
  });

  it('refuses everyone when a CRL has passed its nextUpdate, or when the root CRL is missing', async () => {
    const stale = (
      await generateCrl(ca.authority.issuing, {
        crlNumber: 3n,
        revoked: [],
        thisUpdate: new Date(Date.now() - 10 * DAY_MS),
        nextUpdate: new Date(Date.now() - DAY_MS),
      })
    ).pem;
    server.setSecureContext(secureContextOptions([stale, rootCrlPem]));
    await expect(connectWith(valid)).resolves.toEqual({ accepted: false, reason: 'CRL_HAS_EXPIRED' });

    server.setSecureContext(secureContextOptions([await issuingCrl(4n, [])]));
    await expect(connectWith(valid)).resolves.toEqual({ accepted: false, reason: 'UNABLE_TO_GET_CRL' });
  });
});
