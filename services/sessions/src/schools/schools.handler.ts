import { isEventOf } from '@pronote/bus';
import { AccountCreated, AccountLicencesChanged } from '@pronote/contracts';
import { type ConsumerDefinition, type ConsumerProvider, EventConsumer } from '@pronote/service-kit';
import { SchoolsRepository } from './schools.repository.js';

/** Durable consumer name: renaming it replays the whole stream into this service. */
export const SCHOOLS_CONSUMER = 'sessions-schools';

/** Keeps each school's licence count from the account events. */
@EventConsumer()
export class SchoolsHandler implements ConsumerProvider {
  constructor(
    private readonly schools: SchoolsRepository,
  ) {}

  consumer(): ConsumerDefinition {
    return {
      durable: SCHOOLS_CONSUMER,
      orderingKey: (event) => String((event.envelope.payload as { uai?: unknown }).uai ?? event.envelope.subject),
      contracts: [AccountCreated, AccountLicencesChanged],
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
    };
  }
}
