import { isValidUai } from '@pronote/contracts';
import { generateInstallationPassword } from '../../credentials/installation-password.js';
import { isValidHostingNumber } from '../../credentials/hosting-number.js';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';
import { sha256Fingerprint } from './fingerprint.js';
import type { IssuingAuthority } from './issuing-authority.js';
import { exportPkcs8, generateKeyPair } from './key-pair.js';
import { signLeafCertificate } from './leaf-certificate.js';
import { buildPkcs12 } from './pkcs12.js';
import { SCHOOL_SUBJECT_ATTRIBUTE } from './school-subject.js';
import { assertWithinIssuer, resolveValidity, type ValidityRequest } from './validity.js';
import { x509 } from './x509.js';
import { certificateToPem } from './pem.js';

export interface SchoolCertificateRequest extends ValidityRequest {
  readonly uai: string;
  readonly schoolName: string;
  readonly hostingNumber: string;
}

/** Everything the caller may keep; the client's private key exists only inside `pkcs12`. */
export interface IssuedSchoolCertificate {
  readonly certificatePem: string;
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly pkcs12: Buffer;
  /** Shown once to the hosting manager (Fiche 2, step 4); never stored. */
  readonly installationPassword: string;
}

const DEFAULT_VALIDITY_DAYS = 365;
// X.520 upper bound for O=; the account keeps the full name, the certificate only labels it.
const ORGANIZATION_NAME_MAX_LENGTH = 64;

/**
 * The certificate that lets a school's hosting manager reach the console from one machine. The key
 * pair is generated here because the manager installs a ready-made PKCS#12 (Fiche 2), not a CSR.
 */
export async function issueSchoolClientCertificate(
  authority: IssuingAuthority,
  request: SchoolCertificateRequest,
): Promise<IssuedSchoolCertificate> {
  const subject = schoolSubject(request);
  const validity = resolveValidity(request, DEFAULT_VALIDITY_DAYS);
  assertWithinIssuer(validity, authority.issuing.certificate.notAfter);
  const keys = await generateKeyPair();
  const certificate = await signLeafCertificate(authority, {
    subject,
    publicKey: keys.publicKey,
    validity,
    keyUsages: x509.KeyUsageFlags.digitalSignature,
    extendedKeyUsages: [x509.ExtendedKeyUsage.clientAuth],
  });
  const certificatePem = certificateToPem(certificate);
  const installationPassword = generateInstallationPassword();
  const privateKeyPkcs8Der = await exportPkcs8(keys.privateKey);
  let pkcs12: Buffer;
  try {
    pkcs12 = buildPkcs12({
      privateKeyPkcs8Der,
      certificateChainPem: [certificatePem, ...authority.chainPem],
      password: installationPassword,
      friendlyName: `PRONOTE hosting ${request.uai}`,
    });
  } finally {
    privateKeyPkcs8Der.fill(0);
  }
  return {
    certificatePem,
    serialNumber: certificate.serialNumber,
    fingerprintSha256: sha256Fingerprint(new Uint8Array(certificate.rawData)),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    pkcs12,
    installationPassword,
  };
}

function schoolSubject(request: SchoolCertificateRequest): x509.JsonName {
  if (!isValidUai(request.uai)) {
    throw new CertificateAuthorityError(CertificateAuthorityErrorCode.UAI_INVALID, `"${request.uai}" is not a valid UAI.`);
  }
  if (!isValidHostingNumber(request.hostingNumber)) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.HOSTING_NUMBER_INVALID,
      'A hosting number is 12 digits.',
    );
  }
  const organization = [...request.schoolName.trim()].slice(0, ORGANIZATION_NAME_MAX_LENGTH).join('').trim();
  if (organization.length === 0) {
    throw new CertificateAuthorityError(CertificateAuthorityErrorCode.SCHOOL_NAME_INVALID, 'The school name is empty.');
  }
  return [
    { [SCHOOL_SUBJECT_ATTRIBUTE.organization]: [organization] },
    { [SCHOOL_SUBJECT_ATTRIBUTE.hostingNumber]: [request.hostingNumber] },
    { [SCHOOL_SUBJECT_ATTRIBUTE.uai]: [request.uai] },
  ];
}
