import { Inject, Injectable } from '@nestjs/common';
import { RemoteCommandError, outboxRecord } from '@pronote/bus';
import { BaseServiceStarted, BaseServiceStopped, type BaseView, type PayloadOf, type StoredObject } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import { RuntimeClient } from '../runtime/runtime.client.js';
import { SchoolLocks } from '../school-locks/school-locks.js';
import { SPR_PASSWORDS, type SprPasswords } from '../spr/spr-password.js';
import { BASE_STORE } from '../storage/base-store.module.js';
import { type Base, baseRef, isReadOnly, toBaseView } from './base.js';
import { BaseReadOnlyError, SprPasswordRequiredError } from './bases.errors.js';
import { BasesRepository } from './bases.repository.js';

type StopReason = PayloadOf<typeof BaseServiceStopped>['reason'];

/**
 * Putting in service and stopping (Fiches 4, 9, 11). Orders go to the runtime; the recorded state
 * changes only once the runtime confirms, so a timeout leaves the previous state and a retry is safe
 * (a runtime that did the work late is recognised by its status).
 */
@Injectable()
export class ServiceStateService {
  constructor(
    private readonly bases: BasesRepository,
    private readonly runtime: RuntimeClient,
    private readonly outbox: OutboxPublisher,
    @Inject(SPR_PASSWORDS) private readonly spr: SprPasswords,
    @Inject(BASE_STORE) private readonly store: ObjectStore,
    private readonly locks: SchoolLocks,
  ) {}

  /** One order per school at a time: a second start waits, then finds the base in service. */
  start(uai: string, baseId: string, actor: string, sprPassword?: string): Promise<BaseView> {
    return this.locks.withSchool(uai, 'start', () => this.startLocked(uai, baseId, actor, sprPassword));
  }

  stop(uai: string, baseId: string, actor: string, reason: StopReason = 'manager'): Promise<BaseView> {
    return this.locks.withSchool(uai, `stop:${reason}`, () => this.stopLocked(uai, baseId, actor, reason));
  }

  private async startLocked(uai: string, baseId: string, actor: string, sprPassword?: string): Promise<BaseView> {
    const base = await this.bases.findById(uai, baseId);
    const schoolBases = await this.bases.listBySchool(uai);
    if (base.state === 'in_service') return toBaseView(base, schoolBases);
    if (isReadOnly(base, schoolBases)) throw new BaseReadOnlyError(base.id, base.schoolYear);
    let sprHash: string | undefined;
    if (!(await this.spr.isDefined(uai))) {
      if (!sprPassword) throw new SprPasswordRequiredError(uai);
      sprHash = await this.spr.hashNew(sprPassword);
    }

    const current = await this.bases.findInService(uai);
    if (current) await this.stopConfirmed(current, actor, 'replaced');

    await this.startOnRuntime(base);
    const started = await this.bases.markInService(base, {
      sprHash,
      history: { uai, baseId, actor, action: 'base.service_started', details: { replacedBaseId: current?.id ?? null, sprPasswordDefined: sprHash !== undefined } },
      events: [outboxRecord(BaseServiceStarted, { ...baseRef(base), startedAt: new Date().toISOString() }, { correlationId: correlationId() })],
    });
    this.outbox.notify();
    return toBaseView(started, await this.bases.listBySchool(uai));
  }

  private async stopLocked(uai: string, baseId: string, actor: string, reason: StopReason): Promise<BaseView> {
    const base = await this.bases.findById(uai, baseId);
    const stopped = base.state === 'stopped' ? base : await this.stopConfirmed(base, actor, reason);
    return toBaseView(stopped, await this.bases.listBySchool(uai));
  }

  private async stopConfirmed(base: Base, actor: string, reason: StopReason): Promise<Base> {
    const { content, lastEntryAt } = await this.stopOnRuntime(base);
    const stopped = await this.bases.markStopped(base, content, lastEntryAt, {
      history: { uai: base.uai, baseId: base.id, actor, action: 'base.service_stopped', details: { reason, size: content.size, sha256: content.sha256 } },
      events: [outboxRecord(BaseServiceStopped, { ...baseRef(base), stoppedAt: new Date().toISOString(), reason }, { correlationId: correlationId() })],
    });
    this.outbox.notify();
    return stopped;
  }

  private async startOnRuntime(base: Base): Promise<void> {
    try {
      await this.runtime.start(base.uai, base.id, base.content);
    } catch (error) {
      // A start that timed out may have happened after all: the retry finds the base served.
      if (isRuntimeRefusal(error)) {
        const status = await this.runtime.status(base.uai);
        if (status.baseId === base.id && status.state === 'in_service') return;
      }
      throw error;
    }
  }

  private async stopOnRuntime(base: Base): Promise<{ content: StoredObject; lastEntryAt: Date | null }> {
    try {
      const reply = await this.runtime.stop(base.uai, base.id, base.content.key);
      return { content: reply.content, lastEntryAt: reply.status.lastEntryAt ? new Date(reply.status.lastEntryAt) : base.lastEntryAt };
    } catch (error) {
      // A stop that timed out may have happened after all: the runtime no longer serves this base,
      // and the content it persisted is re-hashed so the record stays true.
      if (isRuntimeRefusal(error)) {
        const status = await this.runtime.status(base.uai);
        if (status.state === 'stopped' || status.baseId !== base.id) {
          const digest = await this.store.sha256Of(base.content.key);
          return { content: { key: base.content.key, ...digest }, lastEntryAt: base.lastEntryAt };
        }
      }
      throw error;
    }
  }
}

function isRuntimeRefusal(error: unknown): boolean {
  return error instanceof RemoteCommandError && error.code.startsWith('RUNTIME_');
}
