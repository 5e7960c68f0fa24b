export type Channel = 'sms' | 'email';

export interface OutgoingMessage {
  /** Our delivery id: senders pass it on so a provider can deduplicate a retried send. */
  deliveryId: string;
  channel: Channel;
  /** E.164 phone number or e-mail address. */
  to: string;
  subject: string;
  text: string;
}

/** One channel's way out (SMS provider, SMTP relay, local file). Throws when the message was not accepted. */
export interface NotificationSender {
  send(message: OutgoingMessage): Promise<void>;
}
