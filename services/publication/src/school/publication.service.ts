import { Inject, Injectable } from '@nestjs/common';
import { type OutboxRecord, outboxRecord } from '@pronote/bus';
import { type PublicationEspace, PublicationStateChanged, type PublicationView } from '@pronote/contracts';
import { correlationId } from '@pronote/observability';
import { OutboxPublisher } from '@pronote/service-kit';
import { PUBLICATION_CONFIG } from '../config/publication-config.token.js';
import type { PublicationConfig } from '../config/publication.config.js';
import { baseStarted, baseStopped, edtImported, publishedEspaces, setEnabled, setEspacePublished, visibleChange } from './publication-rules.js';
import { type SchoolRecord, isPublished } from './school-record.js';
import { SchoolRepository, orNew } from './school.repository.js';
import { publicationView } from './views.js';

export type BaseEvent =
  | { type: 'started'; baseId: string; name: string }
  | { type: 'stopped'; baseId: string }
  | { type: 'edt_imported'; espaces: string[] };

/** "Administration de PRONOTE.net": the publication switch, per-espace flags, the base events. */
@Injectable()
export class PublicationService {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly outbox: OutboxPublisher,
    @Inject(PUBLICATION_CONFIG) private readonly config: PublicationConfig,
  ) {}

  async get(uai: string): Promise<PublicationView> {
    return publicationView(orNew(uai, await this.schools.load(uai)), this.config.HOSTING_DOMAIN);
  }

  setEnabled(uai: string, enabled: boolean): Promise<PublicationView> {
    return this.apply(uai, (school) => setEnabled(school, enabled));
  }

  setEspacePublished(uai: string, espace: PublicationEspace, published: boolean): Promise<PublicationView> {
    return this.apply(uai, (school) => setEspacePublished(school, espace, published));
  }

  /** Applies a base event once per message id; false when it was seen before. */
  async onBaseEvent(uai: string, event: BaseEvent, claim: { consumer: string; messageId: string }): Promise<boolean> {
    const applied = await this.schools.change(uai, (school) => this.changeWithEvent(school, applyBaseEvent(school, event), true), claim);
    if (applied) this.outbox.notify();
    return applied !== null;
  }

  private async apply(uai: string, rule: (school: SchoolRecord) => SchoolRecord): Promise<PublicationView> {
    const view = await this.schools.change(uai, (school) => {
      const next = rule(school);
      return this.changeWithEvent(school, next, publicationView({ ...next, updatedAt: new Date() }, this.config.HOSTING_DOMAIN));
    });
    this.outbox.notify();
    return view!;
  }

  private changeWithEvent<T>(before: SchoolRecord, after: SchoolRecord, result: T): { next: SchoolRecord; result: T; events: OutboxRecord[] } {
    const events = visibleChange(before, after) ? [stateChanged(after)] : [];
    return { next: after, result, events };
  }
}

function applyBaseEvent(school: SchoolRecord, event: BaseEvent): SchoolRecord {
  switch (event.type) {
    case 'started':
      return baseStarted(school, event);
    case 'stopped':
      return baseStopped(school, event.baseId);
    case 'edt_imported':
      return edtImported(school, event.espaces);
  }
}

function stateChanged(school: SchoolRecord): OutboxRecord {
  return outboxRecord(
    PublicationStateChanged,
    { uai: school.uai, published: isPublished(school), baseId: school.baseId, publishedEspaces: publishedEspaces(school), changedAt: new Date().toISOString() },
    { correlationId: correlationId() },
  );
}
