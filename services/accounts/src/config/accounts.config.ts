import { type ConfigOf, ConfigError, commonShape, databaseShape, env, loadConfig } from '@pronote/config';
import { z } from 'zod';

const base64Key = env
  .secret('base64 of 32 random bytes sealing the CA private keys and pending notifications (openssl rand -base64 32)')
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must decode to exactly 32 bytes');

/** Where a notification channel goes: file:///folder (JSON lines), smtp(s)://... (e-mail), http(s)://... (SMS gateway webhook). */
const deliveryUrl = (what: string) => z.url().describe(what);

export const accountsConfigShape = {
  ...commonShape,
  ...databaseShape,
  HTTP_PORT: env.port('health/metrics HTTP port').default(3101),
  DATABASE_SCHEMA: env.identifier('Postgres schema of this service').default('accounts'),
  CA_KEY_ENCRYPTION_KEY: base64Key,
  CA_KEY_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).default('ca-1').describe('id of CA_KEY_ENCRYPTION_KEY (stored with every sealed key)'),
  CA_ORGANIZATION: env.string('organisation named in the CA certificates').default('PRONOTE Hebergement'),
  // Bring your own two-tier CA: all four files, or none (then the service creates and seals its own).
  CA_ROOT_CERT_FILE: env.string('PEM of your root CA certificate').optional(),
  CA_ISSUING_CERT_FILE: env.string('PEM of your issuing CA certificate (signed by the root)').optional(),
  CA_ISSUING_KEY_FILE: env.string('PEM private key of the issuing CA (PKCS#8, encrypted or not)').optional(),
  CA_ISSUING_KEY_PASSPHRASE: env.secret('passphrase of CA_ISSUING_KEY_FILE when it is encrypted').optional(),
  CA_ROOT_CRL_FILE: env.string('PEM CRL signed by your root covering the issuing CA, re-read at every publication (keep it fresh)').optional(),
  CERTIFICATE_VALIDITY_DAYS: env.int('validity of a school client certificate', 1).default(365),
  CERTIFICATE_RENEWAL_WARNING_DAYS: env.int('days before expiry when a certificate is flagged for renewal', 1).default(30),
  CRL_LIFETIME_MS: env.int('time between a CRL thisUpdate and nextUpdate (re-signed at half of it)', 2000).default(7 * 24 * 3600 * 1000),
  CRL_CHECK_INTERVAL_MS: env.int('how often the CRLs are checked for refresh', 100).default(60_000),
  NOTIFY_SMS_URL: deliveryUrl('SMS channel: file:///folder or an https webhook of the SMS provider').default('file:///tmp/pronote-notifications'),
  NOTIFY_EMAIL_URL: deliveryUrl('e-mail channel: file:///folder or smtp(s)://user:pass@host:port').default('file:///tmp/pronote-notifications'),
  NOTIFY_EMAIL_FROM: z.email().default('hebergement@pronote-hosting.example').describe('sender address of e-mails'),
  NOTIFY_POLL_MS: env.int('polling period of the notification outbox', 100).default(2000),
  OPERATOR_BOOTSTRAP_EMAIL: z.email().optional().describe('operator account created at start if missing (with OPERATOR_BOOTSTRAP_PASSWORD_HASH)'),
  OPERATOR_BOOTSTRAP_PASSWORD_HASH: env
    .secret('argon2id PHC hash of the bootstrap operator password (never the password itself)')
    .refine((value) => value.startsWith('$argon2id$'), 'an argon2id PHC string ($argon2id$...) is expected')
    .optional(),
  GATEWAY_ENROLMENT_TOKEN: env.secret('shared with the gateway: proves a server-certificate request comes from it (unset: no enrolment)', 32).optional(),
  SERVER_CERTIFICATE_VALIDITY_MS: env.int('validity of the server certificate issued to the gateway (renewed at half life)', 10_000).default(90 * 24 * 3600 * 1000),
  CREDENTIALS_RESEND_INTERVAL_MS: env.int('least time between two credential resends of one account', 0).default(15 * 60 * 1000),
};

export type AccountsConfig = ConfigOf<typeof accountsConfigShape>;

export function loadAccountsConfig(source: NodeJS.ProcessEnv = process.env): AccountsConfig {
  const config = loadConfig(accountsConfigShape, source);
  const byo = [config.CA_ROOT_CERT_FILE, config.CA_ISSUING_CERT_FILE, config.CA_ISSUING_KEY_FILE, config.CA_ROOT_CRL_FILE];
  if (byo.some(Boolean) && !byo.every(Boolean)) {
    throw new ConfigError(['CA_ROOT_CERT_FILE, CA_ISSUING_CERT_FILE, CA_ISSUING_KEY_FILE and CA_ROOT_CRL_FILE go together: give all four, or none']);
  }
  return config;
}
