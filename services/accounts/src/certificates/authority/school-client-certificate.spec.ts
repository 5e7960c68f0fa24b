import { createPublicKey, X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import forge from 'node-forge';
import { createTestCertificateAuthority, type TestCertificateAuthority } from './certificate-authority.fixture.js';
import { type IssuedSchoolCertificate, issueSchoolClientCertificate } from './school-client-certificate.js';
import { x509 } from './x509.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function openPkcs12(pkcs12: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  return forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(pkcs12.toString('binary'))), password);
}

describe('issueSchoolClientCertificate', () => {
  let ca: TestCertificateAuthority;
  let issued: IssuedSchoolCertificate;
  let other: IssuedSchoolCertificate;

  beforeAll(async () => {
    ca = await createTestCertificateAuthority();
    [issued, other] = await Promise.all([
      issueSchoolClientCertificate(ca.authority, {
        uai: '0750654D',
        schoolName: 'Lycée Honoré-de-Balzac, Paris',
        hostingNumber: '123456789012',
      }),
      issueSchoolClientCertificate(ca.authority, {
        uai: '0750653C',
        schoolName: `Collège ${'très '.repeat(20)}long`,
        hostingNumber: '900000000001',
        validityDays: 30,
      }),
    ]);
  });

  it('names the school: CN = UAI, O = school name (UTF-8), serialNumber = hosting number', () => {
    const subject = new x509.X509Certificate(issued.certificatePem).subjectName;
    expect(subject.toJSON()).toEqual([
      { O: ['Lycée Honoré-de-Balzac, Paris'] },
      { '2.5.4.5': ['123456789012'] },
      { CN: ['0750654D'] },
    ]);
    // Node's own reading of the same subject, as the gateway's TLS layer will see it.
    expect(new X509Certificate(issued.certificatePem).subject).toBe(
      'O=Lycée Honoré-de-Balzac\\, Paris\nserialNumber=123456789012\nCN=0750654D',
    );
  });

  it('cuts an overlong school name to the 64 characters X.520 allows in O', () => {
    const organization = new x509.X509Certificate(other.certificatePem).subjectName.getField('O')[0]!;
    expect([...organization].length).toBeLessThanOrEqual(64);
    expect(organization.startsWith('Collège très')).toBe(true);
  });

  it('is a client-authentication end-entity certificate signed by the issuing CA', () => {
    const certificate = new X509Certificate(issued.certificatePem);
    const issuing = new X509Certificate(ca.authority.chainPem[0]!);
    expect(certificate.ca).toBe(false);
    expect(certificate.checkIssued(issuing)).toBe(true);
    expect(certificate.verify(issuing.publicKey)).toBe(true);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    const parsed = new x509.X509Certificate(issued.certificatePem);
    expect(parsed.getExtension(x509.KeyUsagesExtension)).toMatchObject({
      usages: x509.KeyUsageFlags.digitalSignature,
      critical: true,
    });
    expect(parsed.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: false, critical: true });
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('has a random 128-bit serial, reported as in the certificate, different for each certificate', () => {
    expect(issued.serialNumber).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(new X509Certificate(issued.certificatePem).serialNumber.toLowerCase()).toBe(issued.serialNumber);
    expect(other.serialNumber).not.toBe(issued.serialNumber);
  });

  it('reports the SHA-256 fingerprint and the validity dates that are signed', () => {
    const certificate = new X509Certificate(issued.certificatePem);
    expect(issued.fingerprintSha256).toBe(certificate.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(issued.notBefore.getTime()).toBe(new Date(certificate.validFrom).getTime());
    expect(issued.notAfter.getTime()).toBe(new Date(certificate.validTo).getTime());
    expect(issued.notAfter.getTime() - issued.notBefore.getTime()).toBe(365 * DAY_MS);
    expect(Math.abs(issued.notBefore.getTime() - (Date.now() - 5 * 60 * 1000))).toBeLessThan(60_000);
    expect(other.notAfter.getTime() - other.notBefore.getTime()).toBe(30 * DAY_MS);
  });

  it('gives a fresh installation password, 4 groups of 5', () => {
    expect(issued.installationPassword).toMatch(/^[2-9A-Z]{5}(-[2-9A-Z]{5}){3}$/);
    expect(other.installationPassword).not.toBe(issued.installationPassword);
  });

  it('packs key, certificate and chain (issuing, root) into a PKCS#12 that opens with its password', () => {
    const pfx = openPkcs12(issued.pkcs12, issued.installationPassword);
    const certificates = pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!.map((bag) =>
      forge.pki.certificateToPem(bag.cert!),
    );
    const normalize = (pem: string): string => new X509Certificate(pem).fingerprint256;
    expect(certificates.map(normalize)).toEqual(
      [issued.certificatePem, ...ca.authority.chainPem].map(normalize),
    );

    const keyBags = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]!;
    expect(keyBags).toHaveLength(1);
    const privateKey = keyBags[0]!.key as forge.pki.rsa.PrivateKey;
    const publicKeyPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey(privateKey.n, privateKey.e));
    expect(createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' })).toEqual(
      new X509Certificate(issued.certificatePem).publicKey.export({ format: 'der', type: 'spki' }),
    );
  });

  it('encrypts the key bag with PBES2 / AES-256-CBC / PBKDF2-HMAC-SHA256', () => {
    const der = issued.pkcs12.toString('binary');
    const oid = (dotted: string): string => forge.asn1.oidToDer(dotted).getBytes();
    const pfx = openPkcs12(issued.pkcs12, issued.installationPassword);
    expect(pfx).toBeDefined();
    // The OIDs sit inside the encrypted-then-wrapped safe contents, which are stored as octet strings.
    expect(der.includes(oid('1.2.840.113549.1.5.13'))).toBe(true); // PBES2
    expect(der.includes(oid('2.16.840.1.101.3.4.1.42'))).toBe(true); // aes256-CBC
    expect(der.includes(oid('1.2.840.113549.2.9'))).toBe(true); // hmacWithSHA256
  });

  it('does not open with a wrong password', () => {
    expect(() => openPkcs12(issued.pkcs12, other.installationPassword)).toThrow();
    expect(() => openPkcs12(issued.pkcs12, issued.installationPassword.toLowerCase())).toThrow();
    expect(() => tls.createSecureContext({ pfx: issued.pkcs12, passphrase: 'AAAAA-AAAAA-AAAAA-AAAAA' })).toThrow();
  });

  it('is read by OpenSSL through Node TLS with the right password', () => {
    expect(() => tls.createSecureContext({ pfx: issued.pkcs12, passphrase: issued.installationPassword })).not.toThrow();
  });

  it('never hands out the client private key outside the PKCS#12', () => {
    expect(Object.keys(issued).sort()).toEqual(
      ['certificatePem', 'fingerprintSha256', 'installationPassword', 'notAfter', 'notBefore', 'pkcs12', 'serialNumber'].sort(),
    );
    expect(issued.certificatePem).not.toContain('PRIVATE KEY');
  });

  it('refuses an invalid UAI, hosting number or school name before generating anything', async () => {
    const valid = { uai: '0750654D', schoolName: 'Lycée', hostingNumber: '123456789012' };
    await expect(issueSchoolClientCertificate(ca.authority, { ...valid, uai: '0750654E' })).rejects.toMatchObject({ code: 'UAI_INVALID' });
    await expect(issueSchoolClientCertificate(ca.authority, { ...valid, hostingNumber: '012345678901' })).rejects.toMatchObject({
      code: 'HOSTING_NUMBER_INVALID',
    });
    await expect(issueSchoolClientCertificate(ca.authority, { ...valid, schoolName: '   ' })).rejects.toMatchObject({
      code: 'SCHOOL_NAME_INVALID',
    });
    await expect(issueSchoolClientCertificate(ca.authority, { ...valid, validityDays: 0 })).rejects.toMatchObject({
      code: 'CERTIFICATE_VALIDITY_INVALID',
    });
  });

  it('refuses a certificate that would outlive the issuing CA', async () => {
    await expect(
      issueSchoolClientCertificate(ca.authority, {
        uai: '0750654D',
        schoolName: 'Lycée',
        hostingNumber: '123456789012',
        validityDays: 3650,
      }),
    ).rejects.toMatchObject({ code: 'CERTIFICATE_VALIDITY_EXCEEDS_ISSUER' });
  });
});
