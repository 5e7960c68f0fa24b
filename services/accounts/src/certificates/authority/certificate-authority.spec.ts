import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIssuingAuthorityFromPem, loadIssuingAuthorityFromPemFiles, openCaSigner, openIssuingAuthority } from './certificate-authority.js';
import { createTestCertificateAuthority, type TestCertificateAuthority } from './certificate-authority.fixture.js';
import { pkcs8DerToPem } from './key-pair.js';
import { createKeyEncryptionKeyring, openPrivateKey } from './key-sealing.js';
import { x509 } from './x509.js';

describe('certificate authority', () => {
  let ca: TestCertificateAuthority;
  let issuingKeyPem: string;
  let rootKeyPem: string;

  beforeAll(async () => {
    ca = await createTestCertificateAuthority('PRONOTE Hébergement');
    issuingKeyPem = pkcs8DerToPem(openPrivateKey(ca.stored.issuing.sealedPrivateKey, ca.keyring));
    rootKeyPem = pkcs8DerToPem(openPrivateKey(ca.stored.root.sealedPrivateKey, ca.keyring));
  });

  it('creates a self-signed RSA 3072 root that may only sign one level of CA below it', () => {
    const root = new X509Certificate(ca.stored.root.certificatePem);
    expect(root.ca).toBe(true);
    expect(root.checkIssued(root)).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(root.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(root.subject).toBe('O=PRONOTE Hébergement\nCN=PRONOTE Hébergement Root CA');
    const parsed = new x509.X509Certificate(ca.stored.root.certificatePem);
    expect(parsed.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: true, pathLength: 1, critical: true });
    expect(parsed.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
    );
  });

  it('creates an issuing CA signed by the root, that cannot sign further CAs', () => {
    const root = new X509Certificate(ca.stored.root.certificatePem);
    const issuing = new X509Certificate(ca.stored.issuing.certificatePem);
    expect(issuing.ca).toBe(true);
    expect(issuing.checkIssued(root)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(new x509.X509Certificate(ca.stored.issuing.certificatePem).getExtension(x509.BasicConstraintsExtension)).toMatchObject({
      ca: true,
      pathLength: 0,
    });
    expect(new Date(issuing.validTo).getTime()).toBeLessThan(new Date(root.validTo).getTime());
    expect(ca.authority.chainPem).toEqual([ca.stored.issuing.certificatePem, ca.stored.root.certificatePem]);
  });

  it('stores both private keys sealed, under the active key id, never in clear', () => {
    for (const stored of [ca.stored.root, ca.stored.issuing]) {
      expect(stored.sealedPrivateKey.keyId).toBe('test-1');
      expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY');
    }
  });

  it('opens signing keys that cannot be exported again', async () => {
    expect(ca.authority.issuing.privateKey.extractable).toBe(false);
    expect((await openCaSigner(ca.stored.root, ca.keyring)).privateKey.extractable).toBe(false);
  });

  it('refuses to open the CA with a wrong key-encryption key', async () => {
    const wrong = createKeyEncryptionKeyring('test-1', { 'test-1': randomBytes(32) });
    await expect(
      openIssuingAuthority({ rootCertificatePem: ca.stored.root.certificatePem, issuing: ca.stored.issuing }, wrong),
    ).rejects.toMatchObject({ code: 'CA_SEALED_KEY_UNREADABLE' });
  });

  it('loads an operator CA from PEM, plain or with an encrypted PKCS#8 key', async () => {
    const fromPem = await loadIssuingAuthorityFromPem({
      rootCertificatePem: ca.stored.root.certificatePem,
      issuingCertificatePem: ca.stored.issuing.certificatePem,
      issuingPrivateKeyPem: issuingKeyPem,
    });
    expect(fromPem.chainPem).toEqual(ca.authority.chainPem);

    const encryptedKeyPem = createPrivateKey(issuingKeyPem)
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'operator secret' })
      .toString();
    await expect(
      loadIssuingAuthorityFromPem({
        rootCertificatePem: ca.stored.root.certificatePem,
        issuingCertificatePem: ca.stored.issuing.certificatePem,
        issuingPrivateKeyPem: encryptedKeyPem,
        issuingPrivateKeyPassphrase: 'operator secret',
      }),
    ).resolves.toBeDefined();
    await expect(
      loadIssuingAuthorityFromPem({
        rootCertificatePem: ca.stored.root.certificatePem,
        issuingCertificatePem: ca.stored.issuing.certificatePem,
        issuingPrivateKeyPem: encryptedKeyPem,
        issuingPrivateKeyPassphrase: 'wrong',
      }),
    ).rejects.toMatchObject({ code: 'CA_PEM_INVALID' });
  });

  it('loads an operator CA from PEM files (PKCS#1 key accepted)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'accounts-ca-'));
    try {
      const paths = {
        rootCertificatePath: join(folder, 'root.pem'),
        issuingCertificatePath: join(folder, 'issuing.pem'),
        issuingPrivateKeyPath: join(folder, 'issuing.key'),
      };
      await writeFile(paths.rootCertificatePath, ca.stored.root.certificatePem);
      await writeFile(paths.issuingCertificatePath, ca.stored.issuing.certificatePem);
      await writeFile(paths.issuingPrivateKeyPath, createPrivateKey(issuingKeyPem).export({ format: 'pem', type: 'pkcs1' }));
      const loaded = await loadIssuingAuthorityFromPemFiles(paths);
      expect(loaded.issuing.certificate.subject).toBe(ca.authority.issuing.certificate.subject);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses a key that does not belong to the issuing certificate', async () => {
    await expect(
      loadIssuingAuthorityFromPem({
        rootCertificatePem: ca.stored.root.certificatePem,
        issuingCertificatePem: ca.stored.issuing.certificatePem,
        issuingPrivateKeyPem: rootKeyPem,
      }),
    ).rejects.toMatchObject({ code: 'CA_KEY_CERTIFICATE_MISMATCH' });
  });

  it('refuses an issuing certificate the given root did not sign', async () => {
    await expect(
      loadIssuingAuthorityFromPem({
        rootCertificatePem: ca.stored.issuing.certificatePem,
        issuingCertificatePem: ca.stored.root.certificatePem,
        issuingPrivateKeyPem: rootKeyPem,
      }),
    ).rejects.toMatchObject({ code: 'CA_CHAIN_BROKEN' });
  });

  it('refuses a non-RSA key and unreadable PEM', async () => {
    const ecKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const base = { rootCertificatePem: ca.stored.root.certificatePem, issuingCertificatePem: ca.stored.issuing.certificatePem };
    await expect(loadIssuingAuthorityFromPem({ ...base, issuingPrivateKeyPem: ecKeyPem })).rejects.toMatchObject({
      code: 'CA_KEY_ALGORITHM_UNSUPPORTED',
    });
    await expect(loadIssuingAuthorityFromPem({ ...base, issuingPrivateKeyPem: 'nonsense' })).rejects.toMatchObject({
      code: 'CA_PEM_INVALID',
    });
    await expect(
      loadIssuingAuthorityFromPem({ ...base, rootCertificatePem: 'nonsense', issuingPrivateKeyPem: issuingKeyPem }),
    ).rejects.toMatchObject({ code: 'CA_PEM_INVALID' });
  });
});
