import { runService } from '@pronote/service-kit';
import { readFileSync } from 'node:fs';
import { AppModule, SERVICE } from './app.module.js';
import { loadGatewayConfig } from './config/gateway.config.js';

await runService({
  service: SERVICE,
  loadConfig: loadGatewayConfig,
  module: AppModule.register,
  fastify: (config) => ({
    bodyLimit: config.BODY_LIMIT_BYTES,
    https: {
      cert: readFileSync(config.TLS_CERT_FILE),
      key: readFileSync(config.TLS_KEY_FILE),
      // Ask every client for a certificate but let the handshake finish: console routes then refuse
      // with a precise problem+json (CERTIFICATE_REVOKED, _EXPIRED...), while operator routes and the
      // certificate download work without one. The CA chain and CRLs are loaded by the TrustStore.
      requestCert: true,
      rejectUnauthorized: false,
    },
  }),
});
