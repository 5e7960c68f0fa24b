import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';
import type { CertificateSigner } from './issuing-authority.js';
import { SIGNING_ALGORITHM } from './key-pair.js';
import { normalizeSerialNumber } from './serial-number.js';
import { wholeSeconds } from './validity.js';
import { x509 } from './x509.js';
import { crlToPem } from './pem.js';

/**
 * RFC 5280 §5.3.1 reason codes. `removeFromCRL` is left out: it only belongs in delta CRLs, which we
 * do not publish. `unspecified` is written as no reason at all, as the RFC asks.
 */
export const RevocationReason = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  cACompromise: x509.X509CrlReason.cACompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
  certificateHold: x509.X509CrlReason.certificateHold,
  privilegeWithdrawn: x509.X509CrlReason.privilegeWithdrawn,
  aACompromise: x509.X509CrlReason.aACompromise,
} as const;
export type RevocationReason = keyof typeof RevocationReason;

export interface RevokedCertificate {
  /** Hex, any case, with or without colons. */
  readonly serial: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
}

export interface CrlRequest {
  readonly revoked: readonly RevokedCertificate[];
  /** Strictly increasing per issuer (RFC 5280 §5.2.3): the store keeps the counter. */
  readonly crlNumber: bigint;
  readonly thisUpdate?: Date;
  /** Defaults to thisUpdate + 7 days. */
  readonly nextUpdate?: Date;
}

export interface GeneratedCrl {
  readonly pem: string;
  readonly crlNumber: bigint;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
}

const DEFAULT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const OID_CRL_NUMBER = '2.5.29.20';
// RFC 5280: conforming CRL issuers must not use CRL numbers longer than 20 octets.
const CRL_NUMBER_LIMIT = 1n << 159n;

/**
 * A complete CRL signed by `signer`. What Node's TLS (OpenSSL) does with it, shown in
 * test/tls-revocation.test.ts:
 * - once any `crl` is loaded, Node checks revocation for the whole chain (X509_V_FLAG_CRL_CHECK_ALL),
 *   so load the issuing CA's CRL *and* a root-signed CRL covering the issuing CA, or every client
 *   is refused with UNABLE_TO_GET_CRL;
 * - a CRL past its nextUpdate makes every client fail with CRL_HAS_EXPIRED: publish and reload
 *   (`server.setSecureContext`) well before that date, and after every revocation.
 */
export async function generateCrl(signer: CertificateSigner, request: CrlRequest): Promise<GeneratedCrl> {
  const thisUpdate = wholeSeconds(request.thisUpdate ?? new Date());
  const nextUpdate = wholeSeconds(request.nextUpdate ?? new Date(thisUpdate.getTime() + DEFAULT_LIFETIME_MS));
  if (nextUpdate.getTime() <= thisUpdate.getTime()) {
    throw new CertificateAuthorityError(CertificateAuthorityErrorCode.VALIDITY_INVALID, 'nextUpdate must follow thisUpdate.');
  }
  const crl = await x509.X509CrlGenerator.create({
    issuer: signer.certificate.subjectName,
    thisUpdate,
    nextUpdate,
    signingKey: signer.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(signer.certificate),
      new x509.Extension(OID_CRL_NUMBER, false, derInteger(request.crlNumber)),
    ],
    entries: request.revoked.map(toCrlEntry),
  });
  return { pem: crlToPem(crl), crlNumber: request.crlNumber, thisUpdate, nextUpdate };
}

/** Reads the CRL number back (2.5.29.20), for checks and for operators' CRLs. */
export function readCrlNumber(crl: x509.X509Crl): bigint | undefined {
  const extension = crl.getExtension(OID_CRL_NUMBER);
  if (extension === null) return undefined;
  const der = new Uint8Array(extension.value);
  return BigInt(`0x${Buffer.from(der.subarray(2)).toString('hex') || '0'}`);
}

function toCrlEntry(revoked: RevokedCertificate): x509.X509CrlEntryParams {
  const reason = RevocationReason[revoked.reason];
  if (reason === undefined || Number.isNaN(revoked.revokedAt.getTime())) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.CRL_ENTRY_INVALID,
      `Revocation of ${revoked.serial} needs a valid date and an RFC 5280 reason.`,
      { serial: revoked.serial, reason: revoked.reason },
    );
  }
  let serialNumber: string;
  try {
    serialNumber = normalizeSerialNumber(revoked.serial);
  } catch {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.CRL_ENTRY_INVALID,
      `"${revoked.serial}" is not a hexadecimal serial number.`,
    );
  }
  return {
    serialNumber,
    revocationDate: wholeSeconds(revoked.revokedAt),
    ...(reason === x509.X509CrlReason.unspecified ? {} : { reason }),
  };
}

/** DER INTEGER of a non-negative number: minimal big-endian octets, a 0x00 lead when the top bit is set. */
function derInteger(value: bigint): Uint8Array {
  if (value < 0n || value >= CRL_NUMBER_LIMIT) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.CRL_NUMBER_INVALID,
      'A CRL number is a non-negative integer of at most 20 octets.',
    );
  }
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const content = Buffer.from(hex, 'hex');
  return Uint8Array.from([0x02, content.length, ...content]);
}
