import { Injectable } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { SuspendedIpsUnblocked } from '@pronote/contracts';
import { correlationId, currentContext } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import { HostingNumbers } from './hosting-numbers.js';
import { SuspendedIpsRepository } from './suspended-ips.repository.js';

/** "Débloquer les adresses IP suspendues" (Fiche 11 §2). */
@Injectable()
export class SuspendedIpsService {
  constructor(
    private readonly repository: SuspendedIpsRepository,
    private readonly hostingNumbers: HostingNumbers,
    private readonly outbox: OutboxPublisher,
  ) {}

  async list(uai: string, now = new Date()) {
    const suspended = await this.repository.suspendedFor(await this.hostingNumbers.of(uai), now);
    return { items: suspended.map((s) => ({ address: s.address, suspendedUntil: s.until.toISOString(), level: s.level, failures: s.failures })) };
  }

  /** The gateway lifts the addresses when it gets hosting.sessions.ips_unblocked. */
  async unblock(uai: string, now = new Date()): Promise<{ unblocked: string[] }> {
    const hostingNumber = await this.hostingNumbers.of(uai);
    const addresses = (await this.repository.suspendedFor(hostingNumber, now)).map((s) => s.address);
    if (addresses.length === 0) return { unblocked: [] };
    const event = outboxRecord(SuspendedIpsUnblocked, { uai, addresses }, { correlationId: correlationId(), causationId: currentContext()?.causationId ?? null });
    await this.repository.unblock(hostingNumber, addresses, event);
    this.outbox.notify();
    return { unblocked: addresses };
  }
}
