import { z } from 'zod';
import { defineCommand } from '../define.js';

export const ServerCertificateErrorCode = {
  /** The caller did not prove it is the gateway (wrong or missing enrolment token). */
  ENROLMENT_TOKEN_INVALID: 'SERVER_ENROLMENT_TOKEN_INVALID',
  /** Accounts has no GATEWAY_ENROLMENT_TOKEN: the gateway must bring its own certificate. */
  ENROLMENT_DISABLED: 'SERVER_ENROLMENT_DISABLED',
} as const;

/**
 * The gateway asks for its HTTPS server certificate, issued by our issuing CA, so clients trust one
 * root for both directions. Only a caller holding the shared enrolment token gets one; the private
 * key travels once in the reply (see docs/accounts-and-access.md, trust model).
 */
export const IssueServerCertificate = defineCommand(
  'accounts.server-certificate.issue',
  1,
  z.strictObject({
    enrolmentToken: z.string().min(1).max(512),
    dnsNames: z.array(z.string().min(1).max(253)).max(20),
    ipAddresses: z.array(z.string().min(2).max(45)).max(20).default([]),
  }),
  z.object({
    serialNumber: z.string(),
    certificatePem: z.string(),
    privateKeyPem: z.string(),
    /** Issuing CA then root: serve the certificate followed by the issuing CA; clients trust the root. */
    chainPem: z.array(z.string()).min(2),
    notBefore: z.iso.datetime(),
    notAfter: z.iso.datetime(),
  }),
);
