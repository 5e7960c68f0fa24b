import { Module } from '@nestjs/common';
import { OperatorsHandler } from './operators.handler.js';
import { OperatorsRepository } from './operators.repository.js';
import { OperatorsService } from './operators.service.js';

@Module({ providers: [OperatorsRepository, OperatorsService, OperatorsHandler] })
export class OperatorsModule {}
