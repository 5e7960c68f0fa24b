import type { IssuingAuthority } from './issuing-authority.js';
import { SIGNING_ALGORITHM } from './key-pair.js';
import { generateSerialNumber } from './serial-number.js';
import { assertWithinIssuer, type Validity } from './validity.js';
import { type CryptoKey, x509 } from './x509.js';

export interface LeafCertificateRequest {
  readonly subject: x509.JsonName;
  readonly publicKey: CryptoKey;
  readonly validity: Validity;
  readonly keyUsages: x509.KeyUsageFlags;
  readonly extendedKeyUsages: readonly x509.ExtendedKeyUsage[];
  readonly extraExtensions?: readonly x509.Extension[];
}

/** Signs an end-entity certificate with the issuing CA: never a CA itself, always a fresh random serial. */
export async function signLeafCertificate(
  authority: IssuingAuthority,
  request: LeafCertificateRequest,
): Promise<x509.X509Certificate> {
  const issuer = authority.issuing.certificate;
  assertWithinIssuer(request.validity, issuer.notAfter);
  return x509.X509CertificateGenerator.create({
    serialNumber: generateSerialNumber(),
    subject: request.subject,
    issuer: issuer.subjectName,
    notBefore: request.validity.notBefore,
    notAfter: request.validity.notAfter,
    publicKey: request.publicKey,
    signingKey: authority.issuing.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(request.keyUsages, true),
      new x509.ExtendedKeyUsageExtension([...request.extendedKeyUsages], false),
      await x509.SubjectKeyIdentifierExtension.create(request.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
      ...(request.extraExtensions ?? []),
    ],
  });
}
