import type { NotificationSender, OutgoingMessage } from './notification-sender.js';

const TIMEOUT_MS = 10_000;

/**
 * SMS through a provider's HTTP API: POST {to, text, id} as JSON to the configured URL (credentials
 * in the URL's userinfo become Basic auth). Providers differ; an adapter per provider belongs here.
 */
export class WebhookSmsSender implements NotificationSender {
  private readonly endpoint: URL;
  private readonly authorization: string | undefined;

  constructor(url: string) {
    this.endpoint = new URL(url);
    this.authorization = this.endpoint.username
      ? `Basic ${Buffer.from(`${decodeURIComponent(this.endpoint.username)}:${decodeURIComponent(this.endpoint.password)}`).toString('base64')}`
      : undefined;
    this.endpoint.username = '';
    this.endpoint.password = '';
  }

  async send(message: OutgoingMessage): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.authorization ? { authorization: this.authorization } : {}) },
      body: JSON.stringify({ id: message.deliveryId, to: message.to, text: message.text }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
  }
}
