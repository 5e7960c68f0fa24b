import type { CryptoKey, x509 } from './x509.js';

/** A CA certificate with its private key, opened for signing (the key cannot be exported). */
export interface CertificateSigner {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: CryptoKey;
}

/** What issuing needs: the intermediate that signs, and the root it chains to. */
export interface IssuingAuthority {
  readonly issuing: CertificateSigner;
  readonly rootCertificate: x509.X509Certificate;
  /** Issuing then root, PEM: what goes into a PKCS#12 and into a TLS server's `ca`. */
  readonly chainPem: readonly string[];
}
