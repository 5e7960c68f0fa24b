import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NotificationSender, OutgoingMessage } from './notification-sender.js';

/**
 * Development and test channel: one JSON line per message in `<folder>/<channel>.jsonl`, read by the
 * tests and by whoever runs the platform locally. Messages may hold a password: the folder is
 * created 0700 and the files 0600, and it is never a production setting.
 */
export class FileSender implements NotificationSender {
  constructor(private readonly folder: string) {}

  async send(message: OutgoingMessage): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const line = JSON.stringify({ ...message, sentAt: new Date().toISOString() });
    await appendFile(join(this.folder, `${message.channel}.jsonl`), `${line}\n`, { mode: 0o600 });
  }
}
