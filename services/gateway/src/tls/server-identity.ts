import { X509Certificate } from 'node:crypto';

/** What the HTTPS listener presents: its certificate (followed by the issuing CA) and key. */
export interface ServerIdentity {
  /** Leaf first, then the chain up to (not necessarily including) the root. */
  readonly certificateChainPem: string;
  readonly privateKeyPem: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly source: 'files' | 'enrolment';
}

/** Reads the dates and serial from the leaf, whatever brought it. */
export function describeLeaf(certificateChainPem: string): Pick<ServerIdentity, 'serialNumber' | 'notBefore' | 'notAfter'> {
  const leaf = new X509Certificate(certificateChainPem);
  return {
    serialNumber: leaf.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
  };
}
