import { fileURLToPath } from 'node:url';
import { FileSender } from './file-sender.js';
import type { Channel, NotificationSender } from './notification-sender.js';
import { SmtpSender } from './smtp-sender.js';
import { WebhookSmsSender } from './webhook-sms-sender.js';

/** The sender of a channel, chosen by its configured URL's scheme. */
export function senderFor(channel: Channel, url: string, emailFrom: string): NotificationSender {
  const scheme = new URL(url).protocol;
  if (scheme === 'file:') return new FileSender(fileURLToPath(url));
  if (channel === 'email' && (scheme === 'smtp:' || scheme === 'smtps:')) return new SmtpSender(url, emailFrom);
  if (channel === 'sms' && (scheme === 'https:' || scheme === 'http:')) return new WebhookSmsSender(url);
  throw new Error(`no ${channel} sender for ${scheme} URLs`);
}
