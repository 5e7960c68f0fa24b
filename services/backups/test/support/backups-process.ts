import { resolve } from 'node:path';
import { ServiceProcess } from '@pronote/supervisor';
import { freePort } from '@pronote/testing';
import { type Harness, NATS_URL, REDIS_URL, S3_KEYS } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** The real backups service as a child process, on the harness's schema, subjects, Redis prefix and bucket. */
export async function backupsProcess(h: Harness, env: Record<string, string> = {}): Promise<{ service: ServiceProcess; port: number }> {
  const port = await freePort();
  const service = new ServiceProcess({
    name: 'backups',
    entry: 'services/backups/src/main.ts',
    cwd: ROOT,
    readinessUrl: `http://127.0.0.1:${port}/health/ready`,
    env: {
      LOG_LEVEL: process.env['E2E_LOGS'] ? 'info' : 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      NATS_URL,
      NATS_SUBJECT_PREFIX: h.iso.subjectPrefix,
      NATS_STREAM: h.iso.stream,
      DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test',
      DATABASE_SCHEMA: h.schema,
      REDIS_URL,
      REDIS_PREFIX: h.iso.redisPrefix,
      S3_ENDPOINT: `http://127.0.0.1:${h.s3.port}`,
      S3_ACCESS_KEY: S3_KEYS.accessKey,
      S3_SECRET_KEY: S3_KEYS.secretKey,
      S3_BUCKET: h.iso.bucket,
      ...env,
    },
    onLine: process.env['E2E_LOGS'] ? (_name, line) => process.stdout.write(`[backups] ${line}\n`) : undefined,
  });
  service.start();
  return { service, port };
}

export async function readiness(port: number): Promise<{ status: number; body: { ready: boolean; checks: Record<string, string> } }> {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as { ready: boolean; checks: Record<string, string> } };
}
