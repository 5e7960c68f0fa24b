import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createTestCertificateAuthority, type TestCertificateAuthority } from './certificate-authority.fixture.js';
import { type IssuedServerCertificate, issueServerCertificate } from './server-certificate.js';

describe('issueServerCertificate', () => {
  let ca: TestCertificateAuthority;
  let issued: IssuedServerCertificate;

  beforeAll(async () => {
    ca = await createTestCertificateAuthority();
    issued = await issueServerCertificate(ca.authority, {
      dnsNames: ['localhost', 'console.hosting.test'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
  });

  it('names the DNS names and IP addresses, for server authentication, from the issuing CA', () => {
    const certificate = new X509Certificate(issued.certificatePem);
    expect(certificate.subjectAltName).toBe(
      'DNS:localhost, DNS:console.hosting.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(certificate.ca).toBe(false);
    expect(certificate.verify(new X509Certificate(ca.authority.chainPem[0]!).publicKey)).toBe(true);
    expect(issued.chainPem).toEqual(ca.authority.chainPem);
  });

  it('returns the private key that matches, for our own listener', () => {
    const certificate = new X509Certificate(issued.certificatePem);
    expect(certificate.checkPrivateKey(createPrivateKey(issued.privateKeyPem))).toBe(true);
  });

  it('refuses an empty or malformed name list', async () => {
    await expect(issueServerCertificate(ca.authority, { dnsNames: [] })).rejects.toMatchObject({
      code: 'CERTIFICATE_SUBJECT_ALT_NAMES_INVALID',
    });
    await expect(issueServerCertificate(ca.authority, { dnsNames: ['bad name'] })).rejects.toMatchObject({
      code: 'CERTIFICATE_SUBJECT_ALT_NAMES_INVALID',
    });
    await expect(issueServerCertificate(ca.authority, { dnsNames: ['localhost'], ipAddresses: ['300.1.1.1'] })).rejects.toMatchObject({
      code: 'CERTIFICATE_SUBJECT_ALT_NAMES_INVALID',
    });
  });

  it('issues a seconds-long certificate that is valid now (backdated by a tenth at most)', async () => {
    const before = Date.now();
    const short = await issueServerCertificate(ca.authority, { dnsNames: ['localhost'], validityMs: 20_000 });
    expect(short.notBefore.getTime()).toBeLessThanOrEqual(before);
    expect(short.notBefore.getTime()).toBeGreaterThanOrEqual(before - 3_000);
    expect(short.notAfter.getTime() - short.notBefore.getTime()).toBe(20_000);
    await expect(issueServerCertificate(ca.authority, { dnsNames: ['localhost'], validityMs: 500 })).rejects.toMatchObject({
      code: 'CERTIFICATE_VALIDITY_INVALID',
    });
  });
});
