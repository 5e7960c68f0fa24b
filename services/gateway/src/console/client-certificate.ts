import { ConsoleAccessErrorCode, DomainError } from '@pronote/contracts';
import type { FastifyRequest } from 'fastify';
import type { PeerCertificate, TLSSocket } from 'node:tls';

/** What a verified school client certificate says: its school, hosting number and serial. */
export interface ClientIdentity {
  uai: string;
  hostingNumber: string;
  serialNumber: string;
}

export interface RevocationList {
  readonly loaded: boolean;
  isRevoked(serialNumber: string): boolean;
}

/**
 * The client certificate of this request, checked: presented, chained to our CA, unexpired,
 * unrevoked. The handshake let it through (rejectUnauthorized: false) so that the refusal can say why.
 */
export function verifiedClientCertificate(request: FastifyRequest, revocations: RevocationList, now = new Date()): ClientIdentity {
  const socket = request.raw.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  if (!peer?.raw || peer.raw.length === 0) {
    throw refusal(ConsoleAccessErrorCode.CERTIFICATE_REQUIRED, 'this route needs the client certificate of your school: install it from the console home page');
  }
  if (!revocations.loaded) throw refusal(ConsoleAccessErrorCode.CERTIFICATE_UNTRUSTED, 'certificates cannot be checked yet: try again in a moment');
  if (!socket.authorized) throw refusalFor(String(socket.authorizationError ?? ''));
  if (new Date(peer.valid_to).getTime() <= now.getTime()) {
    throw refusal(ConsoleAccessErrorCode.CERTIFICATE_EXPIRED, 'your certificate has expired: download a new one');
  }
  const serialNumber = normalizeSerial(peer.serialNumber);
  if (revocations.isRevoked(serialNumber)) throw refusalFor('CERT_REVOKED');
  return { ...schoolOf(peer), serialNumber };
}

function refusalFor(verifyError: string): DomainError {
  if (verifyError === 'CERT_REVOKED') {
    return refusal(ConsoleAccessErrorCode.CERTIFICATE_REVOKED, 'this certificate has been revoked: download a new one');
  }
  if (verifyError === 'CERT_HAS_EXPIRED') {
    return refusal(ConsoleAccessErrorCode.CERTIFICATE_EXPIRED, 'your certificate has expired: download a new one');
  }
  return refusal(ConsoleAccessErrorCode.CERTIFICATE_UNTRUSTED, 'this certificate was not issued by the hosting platform');
}

function schoolOf(peer: PeerCertificate): { uai: string; hostingNumber: string } {
  const subject = peer.subject as unknown as Record<string, unknown>;
  const uai = subject['CN'];
  const hostingNumber = subject['serialNumber'];
  if (typeof uai !== 'string' || typeof hostingNumber !== 'string') {
    throw refusal(ConsoleAccessErrorCode.CERTIFICATE_UNTRUSTED, 'this certificate does not name a school');
  }
  return { uai, hostingNumber };
}

function normalizeSerial(serial: string): string {
  return serial.replace(/[:\s]/g, '').toLowerCase().replace(/^0+(?=.)/, '');
}

function refusal(code: string, message: string): DomainError {
  return new DomainError(code, message);
}
