import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { BaseEdtImported, BaseServiceStarted, BaseServiceStopped } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, CONSUMER_SETTINGS, type ConsumerSettings, LOGGER, STREAM_NAME } from '@pronote/service-kit';
import { type BaseEvent, PublicationService } from './publication.service.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const BASE_EVENTS_CONSUMER = 'publication-bases';

const CONTRACTS = [BaseServiceStarted, BaseServiceStopped, BaseEdtImported];

/** Publication follows the bases: automatic when a base goes in service (Fiche 10). */
@Injectable()
export class BaseEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(CONSUMER_SETTINGS) private readonly consumerSettings: ConsumerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publication: PublicationService,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: BASE_EVENTS_CONSUMER,
      ...this.consumerSettings,
      // One school's events in stream order (started then stopped); schools in parallel.
      orderingKey: (event) => (event.envelope.payload as { uai?: string }).uai ?? event.envelope.subject,
      contracts: CONTRACTS,
      logger: this.logger,
      handler: async (event) => {
        const change = toBaseEvent(event);
        if (!change) return;
        const { uai } = change;
        const applied = await this.publication.onBaseEvent(uai, change.event, { consumer: BASE_EVENTS_CONSUMER, messageId: event.envelope.id });
        this.logger.info({ uai, type: change.event.type, applied, eventId: event.envelope.id }, applied ? 'base event applied' : 'duplicate event ignored');
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
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
