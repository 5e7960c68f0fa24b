import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import { HealthRegistry, type Logger } from '@pronote/observability';
import { BUS, LOGGER } from '@pronote/service-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayConfig } from '../config/gateway.config.js';
import { isTransientEnrolmentFailure, renewalDelayMs } from './renewal-schedule.js';
import { ServerSecureContext } from './secure-context.js';
import type { ServerIdentity } from './server-identity.js';
import { enrolWithAccounts, readIdentityFiles } from './server-identity.sources.js';
import { TLS_CONFIG } from './tls.tokens.js';

/**
 * Gives the listener its certificate before it listens (the gateway is not ready without one), then,
 * when the certificate was enrolled, renews it at half life without restart.
 */
@Injectable()
export class ServerCertificateKeeper implements OnModuleInit, OnApplicationShutdown {
  private renewal: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(TLS_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly context: ServerSecureContext,
    health: HealthRegistry,
  ) {
    health.register({ name: 'server-certificate', check: () => (this.context.current?.notAfter.getTime() ?? 0) > Date.now() });
  }

  async onModuleInit(): Promise<void> {
    if (this.config.TLS_CERT_FILE && this.config.TLS_KEY_FILE) {
      this.install(await readIdentityFiles(this.config.TLS_CERT_FILE, this.config.TLS_KEY_FILE));
      return;
    }
    this.install(await this.firstEnrolment());
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
    clearTimeout(this.renewal);
    this.renewal = undefined;
  }

  /** Waits for accounts while it is unreachable; a refusal stops the start with its code. */
  private async firstEnrolment(): Promise<ServerIdentity> {
    for (;;) {
      try {
        return await this.enrol();
      } catch (error) {
        if (!isTransientEnrolmentFailure(error)) {
          const { code, message } = error as { code: string; message: string };
          throw new Error(`server certificate enrolment refused by accounts (${code}): ${message}`, { cause: error });
        }
        this.logger.warn({ err: error }, 'server certificate not enrolled yet (accounts unreachable?), retrying');
        await sleep(this.config.TLS_ENROLMENT_RETRY_MS, undefined, { signal: this.stopping.signal });
      }
    }
  }

  private enrol(): Promise<ServerIdentity> {
    return enrolWithAccounts(this.bus, {
      enrolmentToken: this.config.GATEWAY_ENROLMENT_TOKEN!,
      serverNames: this.config.TLS_SERVER_NAMES,
      timeoutMs: this.config.COMMAND_TIMEOUT_MS,
    });
  }

  private install(identity: ServerIdentity): void {
    this.context.useIdentity(identity);
    this.logger.info(
      { event: 'gateway.server_certificate_loaded', source: identity.source, serialNumber: identity.serialNumber, notAfter: identity.notAfter },
      'server certificate loaded',
    );
    if (identity.source === 'enrolment') this.scheduleRenewal(renewalDelayMs(identity));
  }

  private scheduleRenewal(delayMs: number): void {
    if (this.stopping.signal.aborted) return;
    clearTimeout(this.renewal);
    // Timers hold 32-bit delays: a 90-day certificate is re-checked every ~24 days until its half life.
    const MAX_TIMER_MS = 2 ** 31 - 1;
    this.renewal = setTimeout(() => {
      if (delayMs > MAX_TIMER_MS) return this.scheduleRenewal(renewalDelayMs(this.context.current!));
      this.enrol().then(
        (identity) => this.install(identity),
        (error: unknown) => {
          this.logger.error({ err: error, notAfter: this.context.current?.notAfter }, 'server certificate renewal failed, retrying');
          this.scheduleRenewal(this.config.TLS_ENROLMENT_RETRY_MS);
        },
      );
    }, Math.min(delayMs, MAX_TIMER_MS));
  }
}
