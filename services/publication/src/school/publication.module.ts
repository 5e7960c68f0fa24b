import { Module } from '@nestjs/common';
import { DelegationsService } from '../delegations/delegations.service.js';
import { SsoService } from '../sso/sso.service.js';
import { BaseEventsConsumer } from './base-events.consumer.js';
import { PublicationHandler } from './publication.handler.js';
import { PublicationService } from './publication.service.js';
import { SchoolRepository } from './school.repository.js';

@Module({
  providers: [SchoolRepository, PublicationService, DelegationsService, PublicationHandler, BaseEventsConsumer, SsoService],
  exports: [SchoolRepository],
})
export class PublicationModule {}
