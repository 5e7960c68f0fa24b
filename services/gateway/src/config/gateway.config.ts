import { type ConfigOf, ConfigError, commonShape, env, loadConfig, redisShape } from '@pronote/config';
import { z } from 'zod';

export const gatewayConfigShape = {
  ...commonShape,
  ...redisShape,
  HTTP_HOST: env.string('address the HTTPS edge listens on').default('127.0.0.1'),
  HTTP_PORT: env.port('HTTPS port of the console API').default(8443),
  // Bring your own server certificate (both files), or leave both unset to enrol with accounts' CA.
  TLS_CERT_FILE: env.string('PEM file of the gateway server certificate (with its chain); unset: enrol with accounts').optional(),
  TLS_KEY_FILE: env.string('PEM file of the gateway server private key; unset: enrol with accounts').optional(),
  GATEWAY_ENROLMENT_TOKEN: env.secret('shared with accounts: proves the gateway asks for its server certificate (needed without TLS_CERT_FILE)', 32).optional(),
  TLS_SERVER_NAMES: z
    .string()
    .default('localhost,127.0.0.1,::1')
    .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean))
    .describe('DNS names and IP addresses, comma-separated, of the enrolled server certificate'),
  TLS_ENROLMENT_RETRY_MS: env.int('wait between two failed enrolments or renewals of the server certificate', 100).default(5000),
  OPERATOR_TOKEN: env.secret('bearer token of the platform operator API (at least 32 characters)', 32),
  COMMAND_TIMEOUT_MS: env.int('how long the gateway waits for a service to answer', 100).default(15000),
  READ_BATCH_WINDOW_MS: env.int('how long concurrent reads gather before leaving as one command (0: those of one event-loop turn)', 0).default(2),
  BODY_LIMIT_BYTES: env.int('largest JSON body accepted', 1024).default(64 * 1024),
  PUBLIC_URL: env.url('URL the console uses to reach the gateway').optional(),
  TRUST_POLL_MS: env.int('how often the CA chain and CRLs are fetched from accounts (revocation delay)', 100).default(2000),
  OPERATOR_SESSION_TTL_MS: env.int('lifetime of an operator session opened with an own operator account', 1000).default(8 * 3600 * 1000),
  RESEND_IP_LIMIT: env.int('credential resends one client IP may ask for within the window (any school)', 1).default(5),
  RESEND_IP_WINDOW_MS: env.int('window of RESEND_IP_LIMIT', 1000).default(3600 * 1000),
  CONSOLE_ACCESS_TTL_MS: env.int('lifetime of a console session token', 1000).default(15 * 60 * 1000),
  CONSOLE_REFRESH_TTL_MS: env.int('lifetime of a console refresh token', 1000).default(8 * 3600 * 1000),
  LOGIN_IP_THRESHOLD: env.int('failed logins from one IP, within the window, that suspend it', 1).default(10),
  LOGIN_IP_WINDOW_MS: env.int('window counting failed logins per IP', 1000).default(15 * 60 * 1000),
  LOGIN_IP_SUSPENSION_MS: env.int('first suspension of an IP; doubles with each new suspension', 100).default(15 * 60 * 1000),
  LOGIN_IP_SUSPENSION_MAX_MS: env.int('longest suspension of an IP', 100).default(24 * 3600 * 1000),
  LOGIN_ACCOUNT_THRESHOLD: env.int('failed logins on one hosting number, within the window, that lock it for a while', 1).default(20),
  LOGIN_ACCOUNT_WINDOW_MS: env.int('window counting failed logins per hosting number', 1000).default(15 * 60 * 1000),
  LOGIN_ACCOUNT_SUSPENSION_MS: env.int('how long a hosting number stays locked after too many failures', 100).default(5 * 60 * 1000),
};

export type GatewayConfig = ConfigOf<typeof gatewayConfigShape>;

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigShape, source);
  if (Boolean(config.TLS_CERT_FILE) !== Boolean(config.TLS_KEY_FILE)) {
    throw new ConfigError(['TLS_CERT_FILE and TLS_KEY_FILE go together: give both (your own certificate), or neither (enrolment with accounts)']);
  }
  if (!config.TLS_CERT_FILE && !config.GATEWAY_ENROLMENT_TOKEN) {
    throw new ConfigError(['GATEWAY_ENROLMENT_TOKEN: missing — without TLS_CERT_FILE/TLS_KEY_FILE the gateway enrols with accounts and needs the token accounts has']);
  }
  if (!config.TLS_CERT_FILE && config.TLS_SERVER_NAMES.length === 0) {
    throw new ConfigError(['TLS_SERVER_NAMES: empty — the enrolled certificate needs at least one name']);
  }
  return config;
}
