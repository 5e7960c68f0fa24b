import { x509 } from './x509.js';

/**
 * PEM ending with a newline. @peculiar/x509 ends its PEM at the footer, and PEM blocks joined
 * without a newline between them are rejected by OpenSSL ("bad end line").
 */
export function certificateToPem(certificate: x509.X509Certificate): string {
  return withFinalNewline(certificate.toString('pem'));
}

/** RFC 7468 labels a CRL "X509 CRL"; @peculiar/x509 writes "CRL", which OpenSSL will not read. */
export function crlToPem(crl: x509.X509Crl): string {
  return withFinalNewline(x509.PemConverter.encode(crl.rawData, 'X509 CRL'));
}

function withFinalNewline(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}
