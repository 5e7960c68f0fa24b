import { Injectable } from '@nestjs/common';
import type { ActivityEntry, OpenConnectionRequest, RuntimeStatus } from '@pronote/contracts';
import { OutboxPublisher } from '@pronote/service-kit';
import { applyActivity } from '../base-format/activity.js';
import { decodeBase, encodeBase } from '../base-format/base-codec.js';
import { connectionClosedEvent, connectionOpenedEvent } from '../runtime/connection-events.js';
import { type HeldBase, type HeldHeader, servedBase, statusOf } from '../runtime/held-base.js';
import { type RuntimeConnection, newConnection } from '../runtime/runtime-connection.js';
import { ConnectionNotFoundError, NotInServiceError } from '../runtime/runtime.errors.js';
import { RuntimeRepository } from '../runtime/runtime.repository.js';
import { SchoolLocks } from '../runtime/school-locks.js';

/** What users do with a served base: type entries, connect and leave. */
@Injectable()
export class SimulationService {
  constructor(
    private readonly repository: RuntimeRepository,
    private readonly locks: SchoolLocks,
    private readonly outbox: OutboxPublisher,
  ) {}

  async status(uai: string): Promise<RuntimeStatus> {
    const held = await this.repository.findHeader(uai);
    return statusOf(uai, held, held ? await this.repository.countConnections(uai) : 0);
  }

  /** Applies the entries to the served base, all or nothing (BASE_ACTIVITY_INVALID names the first bad one). */
  recordActivity(uai: string, entries: readonly ActivityEntry[]): Promise<RuntimeStatus> {
    return this.locks.run(uai, async () => {
      const served = await this.servedOrFail(uai);
      const content = applyActivity(decodeBase(served.bytes), entries);
      const updated = servedBase(uai, served.held.baseId, encodeBase(content), content);
      await this.repository.save(updated);
      return statusOf(uai, updated, await this.repository.countConnections(uai));
    });
  }

  openConnection(uai: string, request: OpenConnectionRequest): Promise<RuntimeConnection> {
    // Under the school's lock: a stop in progress cannot miss a connection opened meanwhile.
    return this.locks.run(uai, async () => {
      // The header is enough: the base's bytes are not read to open a connection.
      const served = inService(uai, await this.repository.findHeader(uai));
      const connection = newConnection(uai, served.baseId, request, new Date());
      await this.repository.openConnection(connection, connectionOpenedEvent(connection));
      this.outbox.notify();
      return connection;
    });
  }

  async closeConnection(uai: string, connectionId: string): Promise<void> {
    const closed = await this.repository.closeConnection(uai, connectionId, connectionClosedEvent('client_closed', new Date()));
    if (!closed) throw new ConnectionNotFoundError(uai, connectionId);
    this.outbox.notify();
  }

  listConnections(uai: string): Promise<RuntimeConnection[]> {
    return this.repository.listConnections(uai);
  }

  /** The served base and its bytes (a base in service is always loaded: `start` loads it). */
  private async servedOrFail(uai: string): Promise<{ held: HeldBase; bytes: Buffer }> {
    const held = inService(uai, await this.repository.find(uai));
    if (held.data.kind !== 'loaded') throw new NotInServiceError(uai);
    return { held, bytes: held.data.bytes };
  }
}

function inService<T extends HeldHeader>(uai: string, held: T | null): T {
  if (held?.state !== 'in_service') throw new NotInServiceError(uai);
  return held;
}
