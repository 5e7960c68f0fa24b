import { createHash } from 'node:crypto';

/** SHA-256 of the DER certificate, lowercase hex without separators (the stored form). */
export function sha256Fingerprint(certificateDer: Uint8Array): string {
  return createHash('sha256').update(certificateDer).digest('hex');
}

/** Accepts Node's `AB:CD:...` form as well as plain hex. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}
