import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { certificateMatchesAccount, readCertificateIdentity } from './certificate-identity.js';
import { x509 } from './x509.js';

// The reader only looks at the subject and the DER, so a quick self-signed P-256 certificate with
// the school subject layout stands in for an issued one (the TLS test reads real issued ones).
async function certificateWithSubject(subject: x509.JsonName): Promise<X509Certificate> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = {
    publicKey: await crypto.subtle.importKey('spki', publicKey.export({ format: 'der', type: 'spki' }), algorithm, true, ['verify']),
    privateKey: await crypto.subtle.importKey('pkcs8', privateKey.export({ format: 'der', type: 'pkcs8' }), algorithm, false, ['sign']),
  };
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({ name: subject, keys, signingAlgorithm: algorithm });
  return new X509Certificate(Buffer.from(certificate.rawData));
}

describe('readCertificateIdentity', () => {
  let school: X509Certificate;

  beforeAll(async () => {
    school = await certificateWithSubject([{ O: ['Lycée, Paris'] }, { '2.5.4.5': ['123456789012'] }, { CN: ['0750654D'] }]);
  });

  it('reads UAI, hosting number, fingerprint and serial from a crypto.X509Certificate', () => {
    expect(readCertificateIdentity(school)).toEqual({
      uai: '0750654D',
      hostingNumber: '123456789012',
      fingerprintSha256: school.fingerprint256.replace(/:/g, '').toLowerCase(),
      serialNumber: school.serialNumber.toLowerCase().replace(/^0+/, ''),
    });
  });

  it('reads the same from the raw DER of a tls.PeerCertificate', () => {
    const peer = { raw: school.raw } as PeerCertificate;
    expect(readCertificateIdentity(peer)).toEqual(readCertificateIdentity(school));
  });

  it('refuses a missing certificate, and a subject without exactly one UAI and one hosting number', async () => {
    expect(() => readCertificateIdentity({} as PeerCertificate)).toThrow(
      expect.objectContaining({ code: 'CERTIFICATE_IDENTITY_MISSING' }),
    );
    const serverLike = await certificateWithSubject([{ CN: ['localhost'] }]);
    expect(() => readCertificateIdentity(serverLike)).toThrow(expect.objectContaining({ code: 'CERTIFICATE_IDENTITY_MISSING' }));
    const twoUais = await certificateWithSubject([{ '2.5.4.5': ['123456789012'] }, { CN: ['0750654D'] }, { CN: ['0750653C'] }]);
    expect(() => readCertificateIdentity(twoUais)).toThrow(expect.objectContaining({ code: 'CERTIFICATE_IDENTITY_MISSING' }));
  });
});

describe('certificateMatchesAccount', () => {
  const identity = {
    uai: '0750654D',
    hostingNumber: '123456789012',
    fingerprintSha256: 'ab'.repeat(32),
    serialNumber: '4abc',
  };

  it('accepts the account the certificate names, with or without a recorded fingerprint', () => {
    expect(certificateMatchesAccount(identity, { uai: '0750654D', hostingNumber: '123456789012' })).toBe(true);
    expect(
      certificateMatchesAccount(identity, {
        uai: '0750654D',
        hostingNumber: '123456789012',
        fingerprintSha256: 'AB:'.repeat(31) + 'AB',
      }),
    ).toBe(true);
  });

  it("refuses another school's account, another hosting number, or another certificate", () => {
    expect(certificateMatchesAccount(identity, { uai: '0750653C', hostingNumber: '123456789012' })).toBe(false);
    expect(certificateMatchesAccount(identity, { uai: '0750654D', hostingNumber: '123456789013' })).toBe(false);
    expect(
      certificateMatchesAccount(identity, { uai: '0750654D', hostingNumber: '123456789012', fingerprintSha256: 'cd'.repeat(32) }),
    ).toBe(false);
  });
});
