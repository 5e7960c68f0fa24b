import type { PeerCertificate } from 'node:tls';
import type { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { constantTimeEqual } from '../../credentials/constant-time.js';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';
import { normalizeFingerprint, sha256Fingerprint } from './fingerprint.js';
import { SCHOOL_SUBJECT_ATTRIBUTE } from './school-subject.js';
import { normalizeSerialNumber } from './serial-number.js';
import { x509 } from './x509.js';

/** Who a school client certificate says it belongs to, and how to recognise that certificate. */
export interface CertificateIdentity {
  readonly uai: string;
  readonly hostingNumber: string;
  readonly fingerprintSha256: string;
  readonly serialNumber: string;
}

export interface ExpectedAccount {
  readonly uai: string;
  readonly hostingNumber: string;
  /** When the account records which certificate it was issued, compare that too. */
  readonly fingerprintSha256?: string;
}

/**
 * Reads the identity from the DER itself rather than from Node's `subject` object, whose shape
 * changes with repeated attributes and does not exist on crypto.X509Certificate. Only call this on
 * a certificate TLS has already verified (`socket.authorized`): it checks no signature.
 */
export function readCertificateIdentity(certificate: PeerCertificate | NodeX509Certificate): CertificateIdentity {
  const der = certificate.raw;
  if (der === undefined || der.length === 0) {
    throw missing('The peer presented no certificate.');
  }
  const parsed = new x509.X509Certificate(new Uint8Array(der));
  const uai = singleValue(parsed, SCHOOL_SUBJECT_ATTRIBUTE.uai, 'CN (UAI)');
  const hostingNumber = singleValue(parsed, SCHOOL_SUBJECT_ATTRIBUTE.hostingNumber, 'serialNumber (hosting number)');
  return {
    uai,
    hostingNumber,
    fingerprintSha256: sha256Fingerprint(der),
    serialNumber: normalizeSerialNumber(parsed.serialNumber),
  };
}

/** The gateway's check: the certificate names the account that logs in. Constant time per field. */
export function certificateMatchesAccount(identity: CertificateIdentity, account: ExpectedAccount): boolean {
  const sameUai = constantTimeEqual(identity.uai, account.uai);
  const sameHostingNumber = constantTimeEqual(identity.hostingNumber, account.hostingNumber);
  const sameCertificate =
    account.fingerprintSha256 === undefined ||
    constantTimeEqual(identity.fingerprintSha256, normalizeFingerprint(account.fingerprintSha256));
  return sameUai && sameHostingNumber && sameCertificate;
}

function singleValue(certificate: x509.X509Certificate, attributeOid: string, what: string): string {
  const values = certificate.subjectName.getField(attributeOid);
  if (values.length !== 1 || values[0] === undefined || values[0].length === 0) {
    throw missing(`The certificate subject must carry exactly one ${what}, found ${values.length}.`);
  }
  return values[0];
}

function missing(message: string): CertificateAuthorityError {
  return new CertificateAuthorityError(CertificateAuthorityErrorCode.CERTIFICATE_IDENTITY_MISSING, message);
}
