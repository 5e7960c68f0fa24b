import { randomBytes } from 'node:crypto';
import { createCertificateAuthority, type GeneratedCertificateAuthority, openCaSigner, openIssuingAuthority } from './certificate-authority.js';
import type { CertificateSigner, IssuingAuthority } from './issuing-authority.js';
import { createKeyEncryptionKeyring, type KeyEncryptionKeyring } from './key-sealing.js';

/** A throwaway CA for tests: generate once per test file (RSA key generation costs ~0.4 s a key). */
export interface TestCertificateAuthority {
  readonly keyring: KeyEncryptionKeyring;
  readonly stored: GeneratedCertificateAuthority;
  readonly authority: IssuingAuthority;
  readonly rootSigner: CertificateSigner;
}

export async function createTestCertificateAuthority(organization = 'PRONOTE Hosting Test'): Promise<TestCertificateAuthority> {
  const keyring = createKeyEncryptionKeyring('test-1', { 'test-1': randomBytes(32) });
  const stored = await createCertificateAuthority({ organization, keyring });
  const [authority, rootSigner] = await Promise.all([
    openIssuingAuthority({ rootCertificatePem: stored.root.certificatePem, issuing: stored.issuing }, keyring),
    openCaSigner(stored.root, keyring),
  ]);
  return { keyring, stored, authority, rootSigner };
}
