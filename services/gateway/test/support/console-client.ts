import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';

export interface ClientCertificate {
  pfx: Buffer;
  passphrase: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes, asserted by each test
}

export interface CallOptions {
  certificate?: ClientCertificate;
  token?: string;
  body?: unknown;
  /** Another loopback source address (127.0.0.x), so throttling tests do not suspend everyone's IP. */
  localAddress?: string;
}

/** HTTPS to the gateway with a fresh TLS connection per call (no session reuse): every call is a real handshake. */
export function consoleCall(gatewayUrl: string, ca: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      `${gatewayUrl}${path}`,
      {
        method,
        ca,
        agent: false,
        timeout: 20_000,
        localAddress: options.localAddress,
        ...(options.certificate ? { pfx: options.certificate.pfx, passphrase: options.certificate.passphrase } : {}),
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

interface SentMessage {
  channel: 'sms' | 'email';
  to: string;
  text: string;
}

/** Messages the file sender wrote for one recipient, oldest first. */
export async function messagesTo(notificationsDir: string, channel: 'sms' | 'email', to: string): Promise<SentMessage[]> {
  const text = await readFile(join(notificationsDir, `${channel}.jsonl`), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SentMessage)
    .filter((message) => message.to === to);
}

export function passwordIn(sms: SentMessage): string {
  const match = /: (\S+)$/.exec(sms.text);
  if (!match) throw new Error('no password in this SMS');
  return match[1]!;
}
