import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadGatewayConfig } from './config/gateway.config.js';

await runService({
  service: SERVICE,
  loadConfig: loadGatewayConfig,
  module: AppModule.register,
  fastify: (config) => ({
    bodyLimit: config.BODY_LIMIT_BYTES,
    https: {
      // No certificate here: the TlsModule installs it (own files or enrolment with accounts) with
      // setSecureContext before the server listens, and swaps it on renewal without restart.
      // Ask every client for a certificate but let the handshake finish: console routes then refuse
      // with a precise problem+json (CERTIFICATE_REVOKED, _EXPIRED...), while operator routes and the
      // certificate download work without one. The CA chain and CRLs are loaded by the TrustStore.
      requestCert: true,
      rejectUnauthorized: false,
    },
  }),
});
