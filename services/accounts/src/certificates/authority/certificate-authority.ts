import { readFile } from 'node:fs/promises';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';
import type { CertificateSigner, IssuingAuthority } from './issuing-authority.js';
import {
  exportPkcs8,
  generateKeyPair,
  importSigningKey,
  privateKeyMatchesCertificate,
  privateKeyPemToPkcs8Der,
  SIGNING_ALGORITHM,
} from './key-pair.js';
import { type KeyEncryptionKeyring, openPrivateKey, type SealedPrivateKey, sealPrivateKey } from './key-sealing.js';
import { generateSerialNumber } from './serial-number.js';
import { addYears, wholeSeconds } from './validity.js';
import { type CryptoKey, x509 } from './x509.js';
import { certificateToPem } from './pem.js';

export interface CreateCertificateAuthorityOptions {
  /** Shown as O= in both CA subjects, e.g. "PRONOTE Hébergement". */
  readonly organization: string;
  readonly keyring: KeyEncryptionKeyring;
  readonly rootValidityYears?: number;
  readonly issuingValidityYears?: number;
  readonly now?: Date;
}

/** A CA certificate and its sealed key: what the repository stores. */
export interface StoredCaCertificate {
  readonly certificatePem: string;
  readonly sealedPrivateKey: SealedPrivateKey;
}

export interface GeneratedCertificateAuthority {
  readonly root: StoredCaCertificate;
  readonly issuing: StoredCaCertificate;
}

export interface CertificateAuthorityPem {
  readonly rootCertificatePem: string;
  readonly issuingCertificatePem: string;
  readonly issuingPrivateKeyPem: string;
  readonly issuingPrivateKeyPassphrase?: string;
}

export interface CertificateAuthorityPemFiles {
  readonly rootCertificatePath: string;
  readonly issuingCertificatePath: string;
  readonly issuingPrivateKeyPath: string;
  readonly issuingPrivateKeyPassphrase?: string;
}

const DEFAULT_ROOT_VALIDITY_YEARS = 20;
// Long enough to outlive several yearly school certificates, short enough to rotate within a root.
const DEFAULT_ISSUING_VALIDITY_YEARS = 5;

/** Two tiers: a root that only signs intermediates, and the issuing CA that signs schools and servers. */
export async function createCertificateAuthority(
  options: CreateCertificateAuthorityOptions,
): Promise<GeneratedCertificateAuthority> {
  const notBefore = wholeSeconds(options.now ?? new Date());
  const [rootKeys, issuingKeys] = await Promise.all([generateKeyPair(), generateKeyPair()]);

  const rootName = caName('Root CA', options.organization);
  const rootCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: generateSerialNumber(),
    name: rootName,
    notBefore,
    notAfter: addYears(notBefore, options.rootValidityYears ?? DEFAULT_ROOT_VALIDITY_YEARS),
    keys: rootKeys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });

  const issuingCertificate = await x509.X509CertificateGenerator.create({
    serialNumber: generateSerialNumber(),
    subject: caName('Issuing CA', options.organization),
    issuer: rootCertificate.subjectName,
    notBefore,
    notAfter: addYears(notBefore, options.issuingValidityYears ?? DEFAULT_ISSUING_VALIDITY_YEARS),
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootCertificate),
    ],
  });

  return {
    root: await storeCaCertificate(rootCertificate, rootKeys.privateKey, options.keyring),
    issuing: await storeCaCertificate(issuingCertificate, issuingKeys.privateKey, options.keyring),
  };
}

/** Opens one stored CA (root or issuing) for signing: certificates for the issuing, CRLs for both. */
export async function openCaSigner(stored: StoredCaCertificate, keyring: KeyEncryptionKeyring): Promise<CertificateSigner> {
  const certificate = parseCertificatePem(stored.certificatePem, 'CA certificate');
  const pkcs8Der = openPrivateKey(stored.sealedPrivateKey, keyring);
  try {
    return await toSigner(certificate, pkcs8Der);
  } finally {
    pkcs8Der.fill(0);
  }
}

export async function openIssuingAuthority(
  stored: { readonly rootCertificatePem: string; readonly issuing: StoredCaCertificate },
  keyring: KeyEncryptionKeyring,
): Promise<IssuingAuthority> {
  const rootCertificate = parseCertificatePem(stored.rootCertificatePem, 'root certificate');
  return assembleIssuingAuthority(await openCaSigner(stored.issuing, keyring), rootCertificate);
}

/** For operators who bring their own two-tier RSA CA; the root's private key is never needed. */
export async function loadIssuingAuthorityFromPem(pem: CertificateAuthorityPem): Promise<IssuingAuthority> {
  const rootCertificate = parseCertificatePem(pem.rootCertificatePem, 'root certificate');
  const issuingCertificate = parseCertificatePem(pem.issuingCertificatePem, 'issuing certificate');
  const pkcs8Der = privateKeyPemToPkcs8Der(pem.issuingPrivateKeyPem, pem.issuingPrivateKeyPassphrase);
  try {
    return await assembleIssuingAuthority(await toSigner(issuingCertificate, pkcs8Der), rootCertificate);
  } finally {
    pkcs8Der.fill(0);
  }
}

export async function loadIssuingAuthorityFromPemFiles(files: CertificateAuthorityPemFiles): Promise<IssuingAuthority> {
  const [rootCertificatePem, issuingCertificatePem, issuingPrivateKeyPem] = await Promise.all([
    readFile(files.rootCertificatePath, 'utf8'),
    readFile(files.issuingCertificatePath, 'utf8'),
    readFile(files.issuingPrivateKeyPath, 'utf8'),
  ]);
  return loadIssuingAuthorityFromPem({
    rootCertificatePem,
    issuingCertificatePem,
    issuingPrivateKeyPem,
    ...(files.issuingPrivateKeyPassphrase === undefined
      ? {}
      : { issuingPrivateKeyPassphrase: files.issuingPrivateKeyPassphrase }),
  });
}

export function parseCertificatePem(pem: string, what: string): x509.X509Certificate {
  try {
    return new x509.X509Certificate(pem);
  } catch {
    throw new CertificateAuthorityError(CertificateAuthorityErrorCode.PEM_INVALID, `The ${what} is not a readable certificate.`);
  }
}

async function assembleIssuingAuthority(
  issuing: CertificateSigner,
  rootCertificate: x509.X509Certificate,
): Promise<IssuingAuthority> {
  assertIsCertificateAuthority(rootCertificate, 'root certificate');
  assertIsCertificateAuthority(issuing.certificate, 'issuing certificate');
  const rootSignedIssuing =
    issuing.certificate.issuer === rootCertificate.subject &&
    (await issuing.certificate.verify({ publicKey: rootCertificate, signatureOnly: true }));
  const rootIsSelfSigned = await rootCertificate.isSelfSigned();
  if (!rootSignedIssuing || !rootIsSelfSigned) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.CHAIN_BROKEN,
      'The issuing certificate is not signed by the given self-signed root.',
    );
  }
  return {
    issuing,
    rootCertificate,
    chainPem: [certificateToPem(issuing.certificate), certificateToPem(rootCertificate)],
  };
}

function assertIsCertificateAuthority(certificate: x509.X509Certificate, what: string): void {
  const basicConstraints = certificate.getExtension(x509.BasicConstraintsExtension);
  const keyUsage = certificate.getExtension(x509.KeyUsagesExtension);
  const maySignCertificates = keyUsage === null || (keyUsage.usages & x509.KeyUsageFlags.keyCertSign) !== 0;
  if (basicConstraints?.ca !== true || !maySignCertificates) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.NOT_A_CERTIFICATE_AUTHORITY,
      `The ${what} is not a CA certificate (basicConstraints cA and keyCertSign are required).`,
    );
  }
}

async function toSigner(certificate: x509.X509Certificate, pkcs8Der: Uint8Array): Promise<CertificateSigner> {
  const privateKey = await importSigningKey(pkcs8Der);
  if (!privateKeyMatchesCertificate(pkcs8Der, certificate)) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.KEY_CERTIFICATE_MISMATCH,
      'The private key does not belong to the CA certificate.',
    );
  }
  return { certificate, privateKey };
}

async function storeCaCertificate(
  certificate: x509.X509Certificate,
  privateKey: CryptoKey,
  keyring: KeyEncryptionKeyring,
): Promise<StoredCaCertificate> {
  const pkcs8Der = await exportPkcs8(privateKey);
  try {
    return { certificatePem: certificateToPem(certificate), sealedPrivateKey: sealPrivateKey(pkcs8Der, keyring) };
  } finally {
    pkcs8Der.fill(0);
  }
}

function caName(role: string, organization: string): x509.JsonName {
  return [{ O: [organization] }, { CN: [`${organization} ${role}`] }];
}
