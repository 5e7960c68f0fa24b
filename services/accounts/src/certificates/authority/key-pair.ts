import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';
import { type CryptoKey, type CryptoKeyPair, subtle, x509 } from './x509.js';

/**
 * RSA 3072 with PKCS#1 v1.5 / SHA-256 for every key of the CA and of the certificates it issues.
 * - 3072 bits is the 128-bit security level (NIST SP 800-57), the same as P-256.
 * - node-forge, our PKCS#12 writer, only understands RSA keys and certificates carrying RSA keys:
 *   with EC we would hand-assemble the PFX and could not read it back to check it.
 * - The client certificate is imported into the certificate stores of school machines of every
 *   age (Windows, macOS, Firefox's NSS); RSA PKCS#1 v1.5 is accepted by all of them, RSA-PSS and
 *   ECDSA-in-PKCS#12 are not everywhere.
 * The cost is key generation (about 0.4 s on this 2-core machine, off the event loop), paid once per
 * school per year.
 */
export const KEY_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 3072,
  publicExponent: new Uint8Array([0x01, 0x00, 0x01]),
  hash: 'SHA-256',
} as const;

export const SIGNING_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A key pair whose private half can be exported once, to be sealed or packed into a PKCS#12. */
export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

export async function exportPkcs8(privateKey: CryptoKey): Promise<Buffer> {
  return Buffer.from(await subtle.exportKey('pkcs8', privateKey));
}

/** Imports a PKCS#8 RSA key as a signing key that can never be exported again. */
export async function importSigningKey(pkcs8Der: Uint8Array): Promise<CryptoKey> {
  assertRsa(createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' }));
  return subtle.importKey('pkcs8', pkcs8Der, SIGNING_ALGORITHM, false, ['sign']);
}

export function pkcs8DerToPem(pkcs8Der: Uint8Array): string {
  return createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

/** Accepts what operators have on disk (PKCS#8, PKCS#1 "RSA PRIVATE KEY", encrypted or not). */
export function privateKeyPemToPkcs8Der(pem: string, passphrase?: string): Buffer {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', ...(passphrase === undefined ? {} : { passphrase }) });
  } catch {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.PEM_INVALID,
      'The private key PEM cannot be read (wrong format or wrong passphrase).',
    );
  }
  assertRsa(key);
  return key.export({ format: 'der', type: 'pkcs8' });
}

/** True when the private key is the one whose public half the certificate certifies. */
export function privateKeyMatchesCertificate(pkcs8Der: Uint8Array, certificate: x509.X509Certificate): boolean {
  const publicKeyDer = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' }))
    .export({ format: 'der', type: 'spki' });
  return publicKeyDer.equals(Buffer.from(certificate.publicKey.rawData));
}

function assertRsa(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.KEY_ALGORITHM_UNSUPPORTED,
      `Only RSA keys are supported, got ${key.asymmetricKeyType ?? 'an unknown type'}.`,
    );
  }
}
