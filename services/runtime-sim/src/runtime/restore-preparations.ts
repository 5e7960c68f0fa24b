import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { StoredObject } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { randomUUID } from 'node:crypto';
import type { BaseHeader } from '../base-format/base-reader.js';
import { OBJECT_STORE } from '../storage/storage.module.js';
import { RestoreNotPreparedError } from './runtime.errors.js';

/** Injection token: how long a prepared restore is held (RUNTIME_SIM_RESTORE_PREPARATION_TTL_MS). */
export const RESTORE_PREPARATION_TTL_MS = Symbol('RESTORE_PREPARATION_TTL_MS');

/** A verified backup waiting for its base to be stopped: its decoded header and its staging object. */
export interface PreparedRestore {
  readonly id: string;
  readonly uai: string;
  readonly baseId: string;
  readonly header: BaseHeader;
  readonly content: StoredObject;
  readonly expiresAt: Date;
}

interface Entry {
  readonly prepared: PreparedRestore;
  expiry?: NodeJS.Timeout;
}

/**
 * Prepared restores, in memory: each lives for the seconds between the check and the stop, and its
 * staging object (verified bytes) is removed when a restart, an expiry or a newer preparation drops
 * it — a restart then loses them (`restore` then answers RUNTIME_RESTORE_NOT_PREPARED and the caller
 * prepares again). At most one per school: a newer preparation replaces the older one. An expired or
 * replaced preparation takes its staging object with it; a taken one leaves it to the base.
 */
@Injectable()
export class RestorePreparations implements OnApplicationShutdown {
  private readonly bySchool = new Map<string, Entry>();

  constructor(
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(RESTORE_PREPARATION_TTL_MS) private readonly ttlMs: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  hold(restore: Omit<PreparedRestore, 'id' | 'expiresAt'>): PreparedRestore {
    const prepared: PreparedRestore = { ...restore, id: randomUUID(), expiresAt: new Date(Date.now() + this.ttlMs) };
    const previous = this.bySchool.get(restore.uai);
    if (previous) void this.discard(previous);
    const entry: Entry = { prepared };
    entry.expiry = setTimeout(() => void this.discard(entry), this.ttlMs).unref();
    this.bySchool.set(restore.uai, entry);
    return prepared;
  }

  /** The school's preparation `id` for `baseId`, still held until `release`. */
  find(uai: string, baseId: string, id: string): PreparedRestore {
    const prepared = this.bySchool.get(uai)?.prepared;
    if (!prepared || prepared.id !== id || prepared.baseId !== baseId) throw new RestoreNotPreparedError(uai, id);
    return prepared;
  }

  /** The runtime now holds the prepared base: forget it, leaving its staging object (the base's content now). */
  release(prepared: PreparedRestore): void {
    const entry = this.bySchool.get(prepared.uai);
    if (entry?.prepared !== prepared) return;
    clearTimeout(entry.expiry);
    this.bySchool.delete(prepared.uai);
  }

  /** After the orders are drained: what is still prepared can no longer be restored. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.bySchool.values()].map((entry) => this.discard(entry)));
  }

  private async discard(entry: Entry): Promise<void> {
    clearTimeout(entry.expiry);
    if (this.bySchool.get(entry.prepared.uai) === entry) this.bySchool.delete(entry.prepared.uai);
    const { key } = entry.prepared.content;
    await this.store.remove(key).catch((error: unknown) => this.logger.warn({ err: error, key }, 'staging object of a dropped restore preparation not removed'));
  }
}
