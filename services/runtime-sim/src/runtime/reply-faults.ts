import { CommonErrorCode, DomainError } from '@pronote/contracts';
import type { RuntimeOrder } from '../config/runtime-sim.config.js';

export interface ReplyFaultSettings {
  /** Every order is carried out, then answered this late. */
  replyDelayMs: number;
  /** Orders received and dropped: never carried out, never answered. */
  silentOrders: readonly RuntimeOrder[];
}

/**
 * Fault injection so callers can test a runtime that times out. Set from config at start and
 * changeable at run time (`PUT /sim/faults`) for end-to-end tests that share one platform.
 */
export class ReplyFaults {
  private settings: ReplyFaultSettings;
  private readonly held = new Set<(error: Error) => void>();

  constructor(initial: ReplyFaultSettings) {
    this.settings = { ...initial };
  }

  current(): ReplyFaultSettings {
    return { ...this.settings, silentOrders: [...this.settings.silentOrders] };
  }

  set(settings: ReplyFaultSettings): void {
    this.settings = { ...settings, silentOrders: [...settings.silentOrders] };
  }

  isSilent(order: RuntimeOrder): boolean {
    return this.settings.silentOrders.includes(order);
  }

  /** Never settles while the service runs: the order is neither carried out nor answered. */
  swallow(): Promise<never> {
    return new Promise<never>((_, reject) => {
      this.held.add(reject);
    });
  }

  /** On shutdown: the swallowed orders fail, so draining the subscriptions does not wait forever. */
  releaseSwallowed(): void {
    for (const reject of this.held) reject(new DomainError(CommonErrorCode.UPSTREAM_UNAVAILABLE, 'runtime-sim is shutting down'));
    this.held.clear();
  }

  async delayReply(): Promise<void> {
    if (this.settings.replyDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.replyDelayMs));
  }
}
