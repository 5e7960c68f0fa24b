import forge from 'node-forge';

type Pkcs12Options = NonNullable<Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]>;

export interface Pkcs12Contents {
  readonly privateKeyPkcs8Der: Uint8Array;
  /** The end-entity certificate first, then its chain (issuing, root). */
  readonly certificateChainPem: readonly string[];
  readonly password: string;
  /** The label certificate stores show for the entry. */
  readonly friendlyName: string;
}

// The installation password carries ~99 bits of entropy, so the iteration count is not what
// protects the file; 10,000 is above OpenSSL 3's 2,048 default and stays fast in forge's JS MAC.
const ITERATIONS = 10_000;

/**
 * PKCS#12 as node-forge writes it: the key bag is PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), readable
 * by OpenSSL 1.1+/3, Windows 10 1709+, macOS and NSS. Two limits of forge, accepted: the integrity
 * MAC is always HMAC-SHA1 (still sound as an HMAC, and the one MAC every importer knows), and the
 * certificate bag is not encrypted (certificates are public).
 */
export function buildPkcs12(contents: Pkcs12Contents): Buffer {
  const privateKey = forge.pki.privateKeyFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(contents.privateKeyPkcs8Der).toString('binary'))),
  );
  const certificates = contents.certificateChainPem.map((pem) => forge.pki.certificateFromPem(pem));
  // forge reads `prfAlgorithm` (pbe.js) though its type definitions omit it.
  const options: Pkcs12Options & { readonly prfAlgorithm: 'sha256' } = {
    algorithm: 'aes256',
    prfAlgorithm: 'sha256',
    count: ITERATIONS,
    saltSize: 16,
    friendlyName: contents.friendlyName,
  };
  const pfx = forge.pkcs12.toPkcs12Asn1(privateKey as forge.pki.rsa.PrivateKey, certificates, contents.password, options);
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}
