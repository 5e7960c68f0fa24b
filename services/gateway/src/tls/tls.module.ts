import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway.config.js';
import { ServerSecureContext } from './secure-context.js';
import { ServerCertificateKeeper } from './server-certificate.keeper.js';
import { TLS_CONFIG } from './tls.tokens.js';

/** The HTTPS listener's secure context: server certificate (files or enrolment) + client trust. Global: the TrustStore feeds it. */
@Global()
@Module({})
export class TlsModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: TlsModule,
      providers: [{ provide: TLS_CONFIG, useValue: config }, ServerSecureContext, ServerCertificateKeeper],
      exports: [ServerSecureContext],
    };
  }
}
