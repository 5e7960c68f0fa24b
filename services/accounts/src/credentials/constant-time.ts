import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Equality whose duration depends on neither the contents nor the lengths: both sides are hashed
 * first, so timingSafeEqual always compares 32 bytes.
 */
export function constantTimeEqual(left: string, right: string): boolean {
  return timingSafeEqual(sha256(left), sha256(right));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
