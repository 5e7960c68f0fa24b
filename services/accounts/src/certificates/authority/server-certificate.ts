import { isIP } from 'node:net';
import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';
import { sha256Fingerprint } from './fingerprint.js';
import type { IssuingAuthority } from './issuing-authority.js';
import { exportPkcs8, generateKeyPair, pkcs8DerToPem } from './key-pair.js';
import { signLeafCertificate } from './leaf-certificate.js';
import { assertWithinIssuer, resolveValidity, resolveValidityMs, type ValidityRequest } from './validity.js';
import { x509 } from './x509.js';
import { certificateToPem } from './pem.js';

export interface ServerCertificateRequest extends ValidityRequest {
  readonly dnsNames: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** Takes precedence over validityDays: automatically renewed certificates may live minutes. */
  readonly validityMs?: number;
}

/** For the gateway's own HTTPS listener; unlike a school's, this key is handed to our own process. */
export interface IssuedServerCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** Issuing then root: serve `certificatePem` + the issuing certificate, trust the root. */
  readonly chainPem: readonly string[];
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const DEFAULT_VALIDITY_DAYS = 90;
const DNS_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export async function issueServerCertificate(
  authority: IssuingAuthority,
  request: ServerCertificateRequest,
): Promise<IssuedServerCertificate> {
  const subjectAltNames = serverAltNames(request);
  const validity = request.validityMs === undefined ? resolveValidity(request, DEFAULT_VALIDITY_DAYS) : resolveValidityMs(request.validityMs);
  assertWithinIssuer(validity, authority.issuing.certificate.notAfter);
  const keys = await generateKeyPair();
  const certificate = await signLeafCertificate(authority, {
    subject: [{ CN: [request.dnsNames[0] ?? request.ipAddresses?.[0] ?? 'server'] }],
    publicKey: keys.publicKey,
    validity,
    // keyEncipherment too: TLS 1.2 RSA key exchange still needs it with an RSA key.
    keyUsages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
    extendedKeyUsages: [x509.ExtendedKeyUsage.serverAuth],
    extraExtensions: [new x509.SubjectAlternativeNameExtension(subjectAltNames, false)],
  });
  const privateKeyPkcs8Der = await exportPkcs8(keys.privateKey);
  try {
    return {
      certificatePem: certificateToPem(certificate),
      privateKeyPem: pkcs8DerToPem(privateKeyPkcs8Der),
      chainPem: authority.chainPem,
      serialNumber: certificate.serialNumber,
      fingerprintSha256: sha256Fingerprint(new Uint8Array(certificate.rawData)),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    };
  } finally {
    privateKeyPkcs8Der.fill(0);
  }
}

function serverAltNames(request: ServerCertificateRequest): x509.JsonGeneralNames {
  const ipAddresses = request.ipAddresses ?? [];
  const badDnsName = request.dnsNames.find((name) => !DNS_NAME.test(name));
  const badIpAddress = ipAddresses.find((address) => isIP(address) === 0);
  if (request.dnsNames.length + ipAddresses.length === 0 || badDnsName !== undefined || badIpAddress !== undefined) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.SUBJECT_ALT_NAMES_INVALID,
      'A server certificate needs at least one name, and every DNS name and IP address must be well formed.',
      { badDnsName, badIpAddress },
    );
  }
  return [
    ...request.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
}
