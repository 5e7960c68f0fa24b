import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { givenPasswordSchema, hostingNumberSchema } from './credentials.js';
import { invoiceNumberSchema } from './invoices.js';

export const revocationReasonSchema = z.enum([
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
]);

export const deviceNameSchema = z.string().trim().min(1).max(100);

/**
 * "Je télécharge mon certificat" (seed, Fiche 2): hosting number, password and the number of the
 * account's LAST invoice. Answered once with the PKCS#12 and its one-time installation password.
 */
export const IssueClientCertificate = defineCommand(
  'accounts.certificate.issue',
  1,
  z.strictObject({
    hostingNumber: hostingNumberSchema,
    password: givenPasswordSchema,
    lastInvoiceNumber: invoiceNumberSchema,
    deviceName: deviceNameSchema,
    /** Renewal: the certificate this one replaces (revoked as superseded once the new one exists). */
    replacesCertificateId: z.uuid().optional(),
  }),
  z.object({
    certificateId: z.uuid(),
    serialNumber: z.string(),
    notAfter: z.iso.datetime(),
    pkcs12Base64: z.string(),
    installationPassword: z.string(),
  }),
);

export const certificateViewSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  deviceName: z.string(),
  serialNumber: z.string(),
  fingerprintSha256: z.string(),
  issuedAt: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  status: z.enum(['active', 'revoked', 'expired']),
  /** True when the certificate expires within the renewal warning period. */
  renewalDue: z.boolean(),
  revokedAt: z.iso.datetime().nullable(),
  revocationReason: z.string().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  lastUsedIp: z.string().nullable(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const ListClientCertificates = defineCommand(
  'accounts.certificate.list',
  1,
  z.strictObject({ accountId: z.uuid() }),
  z.object({ items: z.array(certificateViewSchema) }),
);

export const RevokeClientCertificate = defineCommand(
  'accounts.certificate.revoke',
  1,
  z.strictObject({ accountId: z.uuid(), certificateId: z.uuid(), reason: revocationReasonSchema.default('unspecified') }),
  certificateViewSchema,
);

/**
 * What a TLS server needs to trust our client certificates: the chain and BOTH CRLs (issuing CA's
 * and the root's covering the issuing CA; Node checks the whole chain once one CRL is loaded).
 * `version` changes with every new CRL: the gateway polls and reloads its context when it moves.
 */
export const trustMaterialSchema = z.object({
  caChainPem: z.array(z.string()),
  crlPem: z.array(z.string()),
  version: z.string(),
  nextUpdate: z.iso.datetime(),
  /** Lower-case hex serials of revoked certificates, checked per request on long-lived connections. */
  revokedSerials: z.array(z.string()),
});
export type TrustMaterial = z.infer<typeof trustMaterialSchema>;

export const GetTrustMaterial = defineCommand('accounts.trust.get', 1, z.strictObject({}), trustMaterialSchema);

export const CertificateIssued = defineEvent(
  'hosting.certificate.issued',
  1,
  z.object({
    certificateId: z.uuid(),
    accountId: z.uuid(),
    uai: uaiSchema,
    serialNumber: z.string(),
    deviceName: z.string(),
    notAfter: z.iso.datetime(),
  }),
);

export const CertificateRevoked = defineEvent(
  'hosting.certificate.revoked',
  1,
  z.object({ certificateId: z.uuid(), accountId: z.uuid(), uai: uaiSchema, serialNumber: z.string(), reason: revocationReasonSchema }),
);
