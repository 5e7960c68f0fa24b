import { Module } from '@nestjs/common';
import { AccountsHandler } from './accounts.handler.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';

@Module({ providers: [AccountsRepository, AccountsService, AccountsHandler] })
export class AccountsModule {}
