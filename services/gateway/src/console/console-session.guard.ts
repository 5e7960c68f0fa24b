import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConsoleAccessErrorCode, DomainError } from '@pronote/contracts';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { GatewayErrorCode } from '../http/problem.js';
import { type ClientIdentity, verifiedClientCertificate } from './client-certificate.js';
import { type ConsoleSession, SESSION_TOKEN_PREFIX, SessionStore } from './session-store.js';
import { TrustStore } from './trust-store.js';

export interface ConsoleRequest extends AuthenticatedRequest {
  consoleSession?: ConsoleSession & { accessToken: string };
}

/** The hosting manager's checks: a certificate of our CA for the school of a live session token. */
@Injectable()
export class ConsoleSessionVerifier {
  constructor(
    private readonly trust: TrustStore,
    private readonly sessions: SessionStore,
  ) {}

  certificate(request: ConsoleRequest): ClientIdentity {
    return verifiedClientCertificate(request, this.trust);
  }

  async admit(request: ConsoleRequest): Promise<ConsoleSession> {
    const identity = this.certificate(request);
    const token = bearer(request);
    const session = token?.startsWith(SESSION_TOKEN_PREFIX) ? await this.sessions.find(token) : null;
    if (!token || !session) throw new DomainError(GatewayErrorCode.UNAUTHENTICATED, 'log in to the console: the session is missing or has expired');
    if (identity.uai !== session.uai) {
      throw new DomainError(ConsoleAccessErrorCode.CERTIFICATE_WRONG_SCHOOL, 'this certificate belongs to another school than the session');
    }
    request.principal = { kind: 'school', uai: session.uai, accountId: session.accountId };
    request.consoleSession = { ...session, accessToken: token };
    return session;
  }
}

export function bearer(request: AuthenticatedRequest): string | undefined {
  return /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

export function isConsoleSessionToken(request: AuthenticatedRequest): boolean {
  return bearer(request)?.startsWith(SESSION_TOKEN_PREFIX) ?? false;
}

@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(private readonly verifier: ConsoleSessionVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.verifier.admit(context.switchToHttp().getRequest<ConsoleRequest>());
    return true;
  }
}
