import nodemailer from 'nodemailer';
import type { NotificationSender, OutgoingMessage } from './notification-sender.js';

/** E-mail through an SMTP relay given by URL (smtp://user:pass@host:587, smtps://...:465). */
export class SmtpSender implements NotificationSender {
  private readonly transport;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.deliveryId}@pronote-hosting>`,
    });
  }
}
