import { Module } from '@nestjs/common';
import { LicencesHandler } from './licences.handler.js';
import { LicencesRepository } from './licences.repository.js';
import { LicencesService } from './licences.service.js';

@Module({ providers: [LicencesRepository, LicencesService, LicencesHandler], exports: [LicencesRepository, LicencesService] })
export class LicencesModule {}
