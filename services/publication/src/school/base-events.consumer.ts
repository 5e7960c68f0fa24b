import { Inject } from '@nestjs/common';
import { isEventOf } from '@pronote/bus';
import { BaseEdtImported, BaseServiceStarted, BaseServiceStopped } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { type ConsumerDefinition, type ConsumerProvider, EventConsumer, LOGGER } from '@pronote/service-kit';
import { type BaseEvent, PublicationService } from './publication.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const BASE_EVENTS_CONSUMER = 'publication-bases';

const CONTRACTS = [BaseServiceStarted, BaseServiceStopped, BaseEdtImported];

/** Publication follows the bases: automatic when a base goes in service (Fiche 10). */
@EventConsumer()
export class BaseEventsConsumer implements ConsumerProvider {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publication: PublicationService,
  ) {}

  consumer(): ConsumerDefinition {
    return {
      durable: BASE_EVENTS_CONSUMER,
      // One school's events in stream order (started then stopped); schools in parallel.
      orderingKey: (event) => (event.envelope.payload as { uai?: string }).uai ?? event.envelope.subject,
      contracts: CONTRACTS,
      handler: async (event) => {
        const change = toBaseEvent(event);
        if (!change) return;
        const { uai } = change;
        const applied = await this.publication.onBaseEvent(uai, change.event, { consumer: BASE_EVENTS_CONSUMER, messageId: event.envelope.id });
        this.logger.info({ uai, type: change.event.type, applied, eventId: event.envelope.id }, applied ? 'base event applied' : 'duplicate event ignored');
      },
    };
  }
}

function toBaseEvent(event: Parameters<typeof isEventOf>[0]): { uai: string; event: BaseEvent } | null {
  if (isEventOf(event, BaseServiceStarted)) {
    const { uai, baseId, name } = event.envelope.payload;
    return { uai, event: { type: 'started', baseId, name } };
  }
  if (isEventOf(event, BaseServiceStopped)) {
    const { uai, baseId } = event.envelope.payload;
    return { uai, event: { type: 'stopped', baseId } };
  }
  if (isEventOf(event, BaseEdtImported)) {
    const { uai, espaces } = event.envelope.payload;
    return { uai, event: { type: 'edt_imported', espaces } };
  }
  return null;
}
