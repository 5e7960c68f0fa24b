import { CommonErrorCode } from '@pronote/contracts';

/**
 * When to replace a certificate: at half of its life, so a renewal that fails still leaves the
 * other half to retry in (the CA being down for a while must not take the edge down with it).
 */
export function renewalDelayMs(validity: { notBefore: Date; notAfter: Date }, now: Date = new Date()): number {
  const halfLife = validity.notBefore.getTime() + (validity.notAfter.getTime() - validity.notBefore.getTime()) / 2;
  return Math.max(0, Math.round(halfLife - now.getTime()));
}

const TRANSIENT: ReadonlySet<string> = new Set([CommonErrorCode.UPSTREAM_TIMEOUT, CommonErrorCode.UPSTREAM_UNAVAILABLE, CommonErrorCode.INTERNAL]);

/**
 * At start, only a transport failure is worth waiting for (accounts still starting); a refusal
 * (wrong token, enrolment disabled, bad names) is a configuration error that must stop the start.
 */
export function isTransientEnrolmentFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || TRANSIENT.has(code);
}
