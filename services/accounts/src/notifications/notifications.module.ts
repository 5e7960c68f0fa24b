import { Global, Module } from '@nestjs/common';
import { AccountLookup } from './account-lookup.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { NotificationDispatcher } from './notification-dispatcher.js';

@Global()
@Module({
  providers: [AccountLookup, DeliveriesRepository, NotificationDispatcher],
  exports: [DeliveriesRepository, NotificationDispatcher],
})
export class NotificationsModule {}
