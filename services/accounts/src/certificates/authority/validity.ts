import { CertificateAuthorityError, CertificateAuthorityErrorCode } from './certificate-authority.errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Backdating absorbs clock skew between us and the machines that check the certificate. */
const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60 * 1000;
const MAX_LEAF_VALIDITY_DAYS = 3650;

export interface ValidityRequest {
  /** Defaults to 365 for certificates the CA issues. */
  readonly validityDays?: number;
  /** Defaults to now minus five minutes. A date in the past is allowed (tests issue expired certificates). */
  readonly notBefore?: Date;
}

export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export function resolveValidity(request: ValidityRequest, defaultDays: number, now: Date = new Date()): Validity {
  const days = request.validityDays ?? defaultDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_LEAF_VALIDITY_DAYS) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.VALIDITY_INVALID,
      `Validity must be a whole number of days between 1 and ${MAX_LEAF_VALIDITY_DAYS}, got ${days}.`,
    );
  }
  // X.509 dates carry whole seconds; rounding here keeps what we return equal to what is signed.
  const notBefore = wholeSeconds(request.notBefore ?? new Date(now.getTime() - CLOCK_SKEW_ALLOWANCE_MS));
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}

export function assertWithinIssuer(validity: Validity, issuerNotAfter: Date): void {
  if (validity.notAfter.getTime() > issuerNotAfter.getTime()) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.VALIDITY_EXCEEDS_ISSUER,
      `The certificate would outlive its issuing CA (${issuerNotAfter.toISOString()}): renew the issuing CA first.`,
      { notAfter: validity.notAfter.toISOString(), issuerNotAfter: issuerNotAfter.toISOString() },
    );
  }
}

export function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * A validity given in milliseconds, for certificates renewed automatically (the gateway's, renewed at
 * half life; seconds-long in tests). Backdated like the others, but by at most a tenth of the
 * duration, so a short certificate is not born expired. X.509 keeps whole seconds.
 */
export function resolveValidityMs(durationMs: number, now: Date = new Date()): Validity {
  if (!Number.isInteger(durationMs) || durationMs < 10_000 || durationMs > MAX_LEAF_VALIDITY_DAYS * DAY_MS) {
    throw new CertificateAuthorityError(
      CertificateAuthorityErrorCode.VALIDITY_INVALID,
      `Validity must be between 10 s and ${MAX_LEAF_VALIDITY_DAYS} days, got ${durationMs} ms.`,
    );
  }
  const backdateMs = Math.min(CLOCK_SKEW_ALLOWANCE_MS, Math.floor(durationMs / 10));
  const notBefore = wholeSeconds(new Date(now.getTime() - backdateMs));
  return { notBefore, notAfter: wholeSeconds(new Date(notBefore.getTime() + durationMs)) };
}
