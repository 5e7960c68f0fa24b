import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { defineCommand, defineEvent } from '@pronote/contracts';
import { createLogger, type Logger } from '@pronote/observability';
import { z } from 'zod';

export const NATS_URL = 'nats://127.0.0.1:4222';
export const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/** Lower-case token unique to this run, usable in stream names, subjects and schema names. */
export function uniqueToken(label: string): string {
  return `${label}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export const baseCreated = defineEvent(
  'hosting.base.created',
  1,
  z.object({ baseId: z.uuid(), uai: z.string().regex(/^\d{7}[A-Z]$/), year: z.string() }),
);
export const backupCompleted = defineEvent('hosting.backup.completed', 1, z.object({ backupId: z.string() }));

export const startBase = defineCommand(
  'hosting.base.start',
  1,
  z.object({ baseId: z.string().min(1) }),
  z.object({ state: z.enum(['in_service', 'stopped']), correlationId: z.string() }),
);

/** A logger whose JSON lines the test can read back. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ service: 'bus-test', level: 'debug', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(25);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
