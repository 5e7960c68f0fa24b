import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as TlsServer } from 'node:tls';
import type { ServerIdentity } from './server-identity.js';

/** The CA chain and CRLs the listener checks client certificates against (from the TrustStore). */
export interface ClientTrust {
  readonly ca: readonly string[];
  readonly crl: readonly string[];
}

/**
 * The one secure context of the HTTPS listener. `setSecureContext` replaces it whole, so both of its
 * sources go through here: the server identity (own files, or enrolled and renewed) and the client
 * trust (reloaded on every CRL change). Either change applies to new handshakes, without restart.
 */
@Injectable()
export class ServerSecureContext {
  private identity: ServerIdentity | undefined;
  private trust: ClientTrust | undefined;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  get current(): ServerIdentity | undefined {
    return this.identity;
  }

  useIdentity(identity: ServerIdentity): void {
    this.identity = identity;
    this.apply();
  }

  useClientTrust(trust: ClientTrust): void {
    this.trust = trust;
    this.apply();
  }

  private apply(): void {
    // Without an identity there is nothing to serve yet; the trust waits for it.
    if (!this.identity) return;
    const server = this.adapterHost.httpAdapter.getHttpServer() as TlsServer;
    server.setSecureContext({
      cert: this.identity.certificateChainPem,
      key: this.identity.privateKeyPem,
      ...(this.trust ? { ca: [...this.trust.ca], crl: [...this.trust.crl] } : {}),
    });
  }
}
