import { Global, Module } from '@nestjs/common';
import { SchoolsHandler } from './schools.handler.js';
import { SchoolsRepository } from './schools.repository.js';

/** Global: every feature looks schools up. */
@Global()
@Module({ providers: [SchoolsRepository, SchoolsHandler], exports: [SchoolsRepository] })
export class SchoolsModule {}
