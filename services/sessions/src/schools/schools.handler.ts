import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Bus, type ConsumerHandle, isEventOf, startConsumer } from '@pronote/bus';
import { AccountCreated, AccountLicencesChanged } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, CONSUMER_SETTINGS, type ConsumerSettings, LOGGER, STREAM_NAME } from '@pronote/service-kit';
import { SchoolsRepository } from './schools.repository.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const SCHOOLS_CONSUMER = 'sessions-schools';

/** Keeps each school's licence count from the account events. */
@Injectable()
export class SchoolsHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: ConsumerHandle | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(STREAM_NAME) private readonly stream: string,
    @Inject(CONSUMER_SETTINGS) private readonly consumerSettings: ConsumerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly schools: SchoolsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startConsumer(this.bus, {
      stream: this.stream,
      durable: SCHOOLS_CONSUMER,
      ...this.consumerSettings,
      orderingKey: (event) => String((event.envelope.payload as { uai?: unknown }).uai ?? event.envelope.subject),
      contracts: [AccountCreated, AccountLicencesChanged],
      logger: this.logger,
      handler: async (event) => {
        const id = event.envelope.id;
        if (isEventOf(event, AccountCreated)) {
          const { uai, accountId, licences } = event.envelope.payload;
          await this.schools.recordFromEvent(SCHOOLS_CONSUMER, id, { uai, accountId, licences });
        } else if (isEventOf(event, AccountLicencesChanged)) {
          const { uai, licences } = event.envelope.payload;
          await this.schools.setLicencesFromEvent(SCHOOLS_CONSUMER, id, uai, licences);
        }
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
