import { type ConfigOf, commonShape, env, loadConfig } from '@pronote/config';

export const gatewayConfigShape = {
  ...commonShape,
  HTTP_HOST: env.string('address the HTTPS edge listens on').default('127.0.0.1'),
  HTTP_PORT: env.port('HTTPS port of the console API').default(8443),
  TLS_CERT_FILE: env.string('PEM file of the gateway server certificate (with its chain)'),
  TLS_KEY_FILE: env.string('PEM file of the gateway server private key'),
  OPERATOR_TOKEN: env.secret('bearer token of the platform operator API (at least 32 characters)', 32),
  COMMAND_TIMEOUT_MS: env.int('how long the gateway waits for a service to answer', 100).default(5000),
  BODY_LIMIT_BYTES: env.int('largest JSON body accepted', 1024).default(64 * 1024),
  PUBLIC_URL: env.url('URL the console uses to reach the gateway').optional(),
};

export type GatewayConfig = ConfigOf<typeof gatewayConfigShape>;

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(gatewayConfigShape, source);
}
