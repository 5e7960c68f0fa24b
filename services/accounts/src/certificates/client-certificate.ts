/** A school's client certificate as the rules see it: one device of the school. */
export interface ClientCertificate {
  id: string;
  accountId: string;
  deviceName: string;
  serialNumber: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  status: 'active' | 'revoked';
  revokedAt: Date | null;
  revocationReason: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  issuedAt: Date;
}
