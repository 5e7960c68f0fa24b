import { DomainError, RuntimeErrorCode, type StoredObject } from '@pronote/contracts';
import type { FoundProblem } from '../integrity/integrity-check.js';

/**
 * The runtime refused `source` because it is not the object recorded (missing, other size, other
 * sha256): the integrity problem that marks the point corrupt. Null for any other refusal.
 */
export function integrityProblemOf(error: unknown, source: StoredObject): FoundProblem | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code === RuntimeErrorCode.RUNTIME_CONTENT_NOT_FOUND) return { key: source.key, problem: 'missing' };
  if (error.code !== RuntimeErrorCode.RUNTIME_CHECKSUM_MISMATCH) return null;
  const found = (error.details as { found?: { size?: unknown } } | undefined)?.found;
  const sizeDiffers = found?.size !== undefined && found.size !== source.size;
  return { key: source.key, problem: sizeDiffers ? 'size_mismatch' : 'sha256_mismatch' };
}
