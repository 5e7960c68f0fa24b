import { Module } from '@nestjs/common';
import { LicencesModule } from '../licences/licences.module.js';
import { ConnectionsHandler } from './connections.handler.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';

@Module({ imports: [LicencesModule], providers: [ConnectionsRepository, ConnectionsService, ConnectionsHandler] })
export class ConnectionsModule {}
