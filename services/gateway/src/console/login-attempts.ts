import { Inject, Injectable } from '@nestjs/common';
import { type Bus, publishEvent, RemoteCommandError } from '@pronote/bus';
import { AccountErrorCode, ConsoleAccessErrorCode, DomainError, type EventContract, LoginFailed, LoginIpSuspended, type PayloadOf } from '@pronote/contracts';
import { correlationId, type Logger } from '@pronote/observability';
import { BUS, LOGGER } from '@pronote/service-kit';
import { LoginThrottle } from './login-throttle.js';

/**
 * Runs a credentials check (console login, certificate download) under the login throttle: refused
 * at once while the IP or the hosting number is suspended; a wrong password is counted, published,
 * and may suspend the IP.
 */
@Injectable()
export class LoginAttempts {
  constructor(
    private readonly throttle: LoginThrottle,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `login` is a hosting number, or `operator:<e-mail>` for staff (counted, but no school login event). */
  async run<T>(clientIp: string, hostingNumber: string, check: () => Promise<T>): Promise<T> {
    const ipWait = await this.throttle.ipSuspendedFor(clientIp);
    if (ipWait > 0) throw ipSuspended(ipWait);
    const accountWait = await this.throttle.accountLockedFor(hostingNumber);
    if (accountWait > 0) {
      throw new DomainError(ConsoleAccessErrorCode.LOGIN_ACCOUNT_SUSPENDED, `too many failed logins on this hosting number: try again in ${seconds(accountWait)} s`, {
        retryAfterSeconds: seconds(accountWait),
      });
    }
    try {
      const result = await check();
      await this.throttle.recordSuccess(hostingNumber);
      return result;
    } catch (error) {
      if (!(error instanceof RemoteCommandError) || error.code !== AccountErrorCode.CREDENTIALS_INVALID) throw error;
      const outcome = await this.throttle.recordFailure(clientIp, hostingNumber);
      const at = new Date().toISOString();
      if (!hostingNumber.startsWith('operator:')) this.publish(LoginFailed, { hostingNumber, clientIp, failuresFromIp: outcome.failuresFromIp, failuresForAccount: outcome.failuresForAccount, at });
      if (outcome.ipSuspension) {
        const { until, level } = outcome.ipSuspension;
        this.publish(LoginIpSuspended, { clientIp, until: until.toISOString(), level, failures: outcome.failuresFromIp });
        throw ipSuspended(until.getTime() - Date.now());
      }
      throw error;
    }
  }

  /** Events about logins report no database change: published directly, a lost one is only logged. */
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>): void {
    publishEvent(this.bus, contract, payload, { correlationId: correlationId() }).catch((error: unknown) =>
      this.logger.warn({ err: error, subject: contract.subject }, 'login event not published'),
    );
  }
}

function ipSuspended(waitMs: number): DomainError {
  return new DomainError(ConsoleAccessErrorCode.LOGIN_IP_SUSPENDED, `too many failed logins from your address: it is suspended for ${seconds(waitMs)} s`, {
    retryAfterSeconds: seconds(waitMs),
  });
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
