import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { outboxRecord } from '@pronote/bus';
import { CredentialsSent } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { LOGGER, OutboxPublisher } from '@pronote/service-kit';
import type { KeyEncryptionKeyring } from '../certificates/authority/key-sealing.js';
import { ACCOUNTS_CONFIG, KEYRING } from '../config/settings.module.js';
import type { AccountsConfig } from '../config/accounts.config.js';
import { AccountLookup } from './account-lookup.js';
import { type ClaimedDelivery, DeliveriesRepository } from './deliveries.repository.js';
import type { Channel, NotificationSender } from './notification-sender.js';
import { openBody } from './sealed-body.js';
import { senderFor } from './senders.js';

const BATCH = 20;

/** Sends the notification outbox: polls, and wakes at once when a flow has just written a message. */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly senders: Record<Channel, NotificationSender>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly accounts: AccountLookup,
    private readonly outbox: OutboxPublisher,
    @Inject(KEYRING) private readonly keyring: KeyEncryptionKeyring,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.senders = {
      sms: senderFor('sms', config.NOTIFY_SMS_URL, config.NOTIFY_EMAIL_FROM),
      email: senderFor('email', config.NOTIFY_EMAIL_URL, config.NOTIFY_EMAIL_FROM),
    };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.notify(), this.config.NOTIFY_POLL_MS);
    this.notify();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'notification outbox pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.notify();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = await this.deliveries.claimPending(BATCH);
      for (const delivery of batch) await this.deliver(delivery);
      if (batch.length < BATCH) return;
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      const body = openBody(delivery.sealedBody, this.keyring);
      await this.senders[delivery.channel].send({ deliveryId: delivery.id, channel: delivery.channel, to: delivery.recipient, ...body });
      const uai = await this.accounts.uaiOf(delivery.accountId);
      const event = outboxRecord(
        CredentialsSent,
        { accountId: delivery.accountId, uai, purpose: delivery.purpose, channels: [delivery.channel] },
        { correlationId: delivery.id },
      );
      await this.deliveries.markSent(delivery.id, event);
      this.outbox.notify();
      this.logger.info({ deliveryId: delivery.id, channel: delivery.channel, purpose: delivery.purpose }, 'credentials message sent');
    } catch (error) {
      // Never log the message itself: it may hold a password.
      const retryAt = new Date(Date.now() + Math.min(3_600_000, 5_000 * 2 ** delivery.attempts));
      await this.deliveries.markFailed(delivery.id, error instanceof Error ? error.message : String(error), retryAt);
      this.logger.warn({ deliveryId: delivery.id, channel: delivery.channel, attempts: delivery.attempts }, 'credentials message not sent; will retry');
    }
  }
}
