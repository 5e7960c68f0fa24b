import { Inject, Injectable } from '@nestjs/common';
import type {
  RequestOf,
  ResponseOf,
  RuntimeRestore,
  RuntimeRestorePrepare,
  RuntimeSnapshot,
  RuntimeStart,
  RuntimeStatus,
  RuntimeStop,
  StoredObject,
} from '@pronote/contracts';
import { OutboxPublisher } from '@pronote/service-kit';
import { ContentObjects } from '../storage/content-objects.js';
import { baseHeaderSink, decodeSchoolBase } from './base-loading.js';
import { ContentRestore } from './content-restore.js';
import { connectionClosedEvent } from './connection-events.js';
import { type HeldBase, type HeldHeader, servedBase, statusOf, storedBase } from './held-base.js';
import { AlreadyRunningError, BaseNotLoadedError, ConnectionNotFoundError, NotStoppedError } from './runtime.errors.js';
import { RestorePreparations } from './restore-preparations.js';
import { RuntimeRepository } from './runtime.repository.js';
import { SANDBOX_UAI } from './sandbox.js';
import { SchoolLocks } from './school-locks.js';

/** The rules of the runtime protocol's orders, one school at a time. */
@Injectable()
export class ProtocolService {
  constructor(
    private readonly repository: RuntimeRepository,
    private readonly objects: ContentObjects,
    private readonly contentRestore: ContentRestore,
    private readonly preparations: RestorePreparations,
    private readonly locks: SchoolLocks,
    private readonly outbox: OutboxPublisher,
    @Inject(SANDBOX_UAI) private readonly sandboxUai: string,
  ) {}

  start({ uai, baseId, content }: RequestOf<typeof RuntimeStart>): Promise<RuntimeStatus> {
    return this.locks.run(uai, async () => {
      const held = await this.repository.findHeader(uai);
      if (held?.state === 'in_service') {
        // The caller may be retrying after a timeout: the same base in service is a success.
        if (held.baseId === baseId) return this.status(uai, held);
        throw new AlreadyRunningError(uai, held.baseId);
      }
      const bytes = await this.objects.readVerified(content);
      const served = servedBase(uai, baseId, bytes, decodeSchoolBase(uai, content.key, bytes), content.sha256);
      await this.repository.save(served);
      return statusOf(uai, served, 0);
    });
  }

  stop({ uai, baseId, contentKey }: RequestOf<typeof RuntimeStop>): Promise<ResponseOf<typeof RuntimeStop>> {
    return this.locks.run(uai, async () => {
      const held = await this.heldOrFail(uai, baseId);
      // Written before the state changes: a failed write leaves the base served, and a retry is safe.
      const stored = await this.writeBase(held, contentKey);
      const stopped = storedBase(uai, baseId, stored, held);
      const closed = await this.repository.save(stopped, connectionClosedEvent('service_stopped', new Date()));
      if (closed.length > 0) this.outbox.notify();
      return { status: statusOf(uai, stopped, 0), content: stored };
    });
  }

  snapshot({ uai, baseId, targetKey }: RequestOf<typeof RuntimeSnapshot>): Promise<ResponseOf<typeof RuntimeSnapshot>> {
    return this.locks.run(uai, async () => {
      const held = await this.heldOrFail(uai, baseId);
      const object = await this.writeBase(held, targetKey);
      return { object, statistics: held.statistics, createdAt: held.createdAt, lastEntryAt: held.lastEntryAt };
    });
  }

  /**
   * Outside the school's lock: the base it may still serve is not touched, and its activity goes on
   * while hundreds of MB are read — checked as they stream, none kept. A base it could not load is
   * refused here, before any stop. Restore drills load every school's backups into the sandbox, so
   * it takes a base of any school.
   */
  async prepareRestore({ uai, baseId, source, stagingKey }: RequestOf<typeof RuntimeRestorePrepare>): Promise<ResponseOf<typeof RuntimeRestorePrepare>> {
    const sink = baseHeaderSink(source.key, uai === this.sandboxUai ? null : uai);
    const staged = await this.contentRestore.stage(source, stagingKey, sink);
    const prepared = this.preparations.hold({ uai, baseId, header: staged.accepted, content: staged.content });
    return { preparationId: prepared.id, content: prepared.content, expiresAt: prepared.expiresAt.toISOString() };
  }

  restore({ uai, baseId, preparationId }: RequestOf<typeof RuntimeRestore>): Promise<ResponseOf<typeof RuntimeRestore>> {
    return this.locks.run(uai, async () => {
      const held = await this.repository.findHeader(uai);
      if (held?.state === 'in_service') throw new NotStoppedError(uai);
      const prepared = this.preparations.find(uai, baseId, preparationId);
      const restored = storedBase(uai, baseId, prepared.content, prepared.header);
      await this.repository.save(restored);
      // Released once saved only: a failed save leaves the preparation for a retry.
      this.preparations.release(prepared);
      return { status: statusOf(uai, restored, 0), content: prepared.content };
    });
  }

  /** The held base's bytes at `key`: written from memory when loaded, else copied inside S3 (none here). */
  private writeBase(held: HeldBase, key: string): Promise<StoredObject> {
    if (held.data.kind === 'loaded') return this.objects.write(key, held.data.bytes);
    // Stopping a stopped base again at its own key: it is there already (S3 refuses a copy onto itself).
    if (held.data.object.key === key) return Promise.resolve(held.data.object);
    return this.objects.copy(held.data.object, key);
  }

  async stats(uai: string): Promise<RuntimeStatus> {
    return this.status(uai, await this.repository.findHeader(uai));
  }

  async disconnect(uai: string, connectionId: string): Promise<{ disconnected: true }> {
    const closed = await this.repository.closeConnection(uai, connectionId, connectionClosedEvent('disconnected', new Date()));
    if (!closed) throw new ConnectionNotFoundError(uai, connectionId);
    this.outbox.notify();
    return { disconnected: true };
  }

  private async heldOrFail(uai: string, baseId: string): Promise<HeldBase> {
    const held = await this.repository.find(uai);
    if (!held || held.baseId !== baseId) throw new BaseNotLoadedError(uai, baseId);
    return held;
  }

  private async status(uai: string, held: HeldHeader | null): Promise<RuntimeStatus> {
    return statusOf(uai, held, held ? await this.repository.countConnections(uai) : 0);
  }
}
