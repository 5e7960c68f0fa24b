import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import { AccountErrorCode, ConsoleAccessErrorCode, DomainError, IssueClientCertificate, LoginSucceeded, ResendCredentials, VerifyConsoleCredentials } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { GatewayErrorCode } from '../http/problem.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { type ConsoleRequest, ConsoleSessionVerifier } from './console-session.guard.js';
import { certificateDownloadSchema, consoleLoginSchema, refreshSchema, resendSchema } from './console-requests.js';
import { LoginAttempts } from './login-attempts.js';
import { LoginThrottle } from './login-throttle.js';
import { withRetryAfter } from './retry-after.js';
import { type IssuedTokens, SessionStore } from './session-store.js';

/**
 * The console's doors (seed, Fiche 2): download the certificate (no certificate needed yet), ask for
 * the credentials again, log in (certificate needed), refresh a session.
 */
@Controller('api/v1/console')
export class ConsoleAccessController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
    private readonly attempts: LoginAttempts,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionStore,
    private readonly verifier: ConsoleSessionVerifier,
  ) {}

  /** "Je télécharge mon certificat": the PKCS#12 and its installation password, shown once. */
  @Post('certificates/download')
  @HttpCode(201)
  async download(
    @Body(new ZodPipe(certificateDownloadSchema)) body: z.infer<typeof certificateDownloadSchema>,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    void reply.header('cache-control', 'no-store');
    return withRetryAfter(reply, () =>
      this.attempts.run(request.ip, body.hostingNumber, () => sendCommand(this.bus, IssueClientCertificate, body, { timeoutMs: this.timeoutMs * 3 })),
    );
  }

  /** "Recevoir mes identifiants d'hébergement": a new password by SMS, the hosting number by e-mail. */
  @Post('credentials/resend')
  @HttpCode(202)
  async resend(
    @Body(new ZodPipe(resendSchema)) body: z.infer<typeof resendSchema>,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withRetryAfter(reply, async () => {
      const waitMs = await this.throttle.resendWait(request.ip);
      if (waitMs > 0) {
        const retryAfterSeconds = Math.ceil(waitMs / 1000);
        throw new DomainError(AccountErrorCode.CREDENTIALS_RESEND_TOO_OFTEN, `too many credential resends from your address: ask again in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
      return sendCommand(this.bus, ResendCredentials, body, { timeoutMs: this.timeoutMs });
    });
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodPipe(consoleLoginSchema)) body: z.infer<typeof consoleLoginSchema>,
    @Req() request: ConsoleRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedTokens> {
    void reply.header('cache-control', 'no-store');
    const identity = this.verifier.certificate(request);
    const account = await withRetryAfter(reply, () =>
      this.attempts.run(request.ip, body.hostingNumber, () =>
        sendCommand(
          this.bus,
          VerifyConsoleCredentials,
          { ...body, certificateSerial: identity.serialNumber, clientIp: request.ip },
          { timeoutMs: this.timeoutMs },
        ),
      ),
    );
    if (account.uai !== identity.uai || account.hostingNumber !== identity.hostingNumber) {
      throw new DomainError(ConsoleAccessErrorCode.CERTIFICATE_WRONG_SCHOOL, 'this certificate belongs to another school than this hosting account');
    }
    this.attempts.publish(LoginSucceeded, {
      accountId: account.accountId,
      uai: account.uai,
      clientIp: request.ip,
      certificateSerial: identity.serialNumber,
      at: new Date().toISOString(),
    });
    return this.sessions.open({ accountId: account.accountId, uai: account.uai, hostingNumber: account.hostingNumber, certificateSerial: identity.serialNumber });
  }

  /** A new token pair for the same school, from the same school's certificate. */
  @Post('session/refresh')
  @HttpCode(200)
  async refresh(@Body(new ZodPipe(refreshSchema)) body: z.infer<typeof refreshSchema>, @Req() request: ConsoleRequest): Promise<IssuedTokens> {
    const identity = this.verifier.certificate(request);
    const refreshed = await this.sessions.refresh(body.refreshToken);
    if (!refreshed) throw new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'this refresh token is unknown, used or expired: log in again');
    if (refreshed.session.uai !== identity.uai) {
      await this.sessions.close(refreshed.tokens.accessToken);
      throw new DomainError(ConsoleAccessErrorCode.CERTIFICATE_WRONG_SCHOOL, 'this certificate belongs to another school than the session');
    }
    return refreshed.tokens;
  }
}
