export interface RetryDelayOptions {
  baseMs?: number;
  maxMs?: number;
}

/** Exponential delay before the next delivery of a failed message: base, 2×base, 4×base… capped. */
export function exponentialRetryDelay(deliveryCount: number, options: RetryDelayOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  const exponent = Math.max(0, deliveryCount - 1);
  return Math.min(max, base * 2 ** Math.min(exponent, 30));
}

/** Whether the delivery that just failed was the last one JetStream would make. */
export function isLastDelivery(deliveryCount: number, maxDeliver: number): boolean {
  return maxDeliver > 0 && deliveryCount >= maxDeliver;
}
