import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { GetTrustMaterial, type TrustMaterial } from '@pronote/contracts';
import { HealthRegistry, type Logger } from '@pronote/observability';
import { BUS, LOGGER } from '@pronote/service-kit';
import type { GatewayConfig } from '../config/gateway.config.js';
import { ServerSecureContext } from '../tls/secure-context.js';
import { GATEWAY_CONFIG } from './console.tokens.js';

/**
 * Our CA chain and CRLs in the HTTPS server's secure context. Fetched from accounts at start, then
 * polled: a new CRL version is loaded with `setSecureContext`, so a revocation applies to new
 * handshakes within one poll, without restart. The revoked serials are also kept here and checked
 * per request, which covers keep-alive connections and resumed TLS sessions verified earlier.
 */
@Injectable()
export class TrustStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private current: TrustMaterial | undefined;
  private revoked = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly secureContext: ServerSecureContext,
    health: HealthRegistry,
  ) {
    health.register({ name: 'console-trust', check: () => this.current !== undefined });
  }

  onApplicationBootstrap(): void {
    const poll = () => {
      this.refresh()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'trust material not refreshed (accounts unreachable?)'))
        .finally(() => {
          this.timer = setTimeout(poll, this.config.TRUST_POLL_MS);
        });
    };
    poll();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get loaded(): boolean {
    return this.current !== undefined;
  }

  isRevoked(serialNumber: string): boolean {
    return this.revoked.has(serialNumber);
  }

  async refresh(): Promise<void> {
    const material = await sendCommand(this.bus, GetTrustMaterial, {}, { timeoutMs: this.config.COMMAND_TIMEOUT_MS });
    if (this.current?.version === material.version) return;
    this.secureContext.useClientTrust({ ca: material.caChainPem, crl: material.crlPem });
    this.revoked = new Set(material.revokedSerials);
    this.current = material;
    this.logger.info({ event: 'console.trust_loaded', version: material.version, revoked: material.revokedSerials.length }, 'client certificate trust loaded');
  }
}
