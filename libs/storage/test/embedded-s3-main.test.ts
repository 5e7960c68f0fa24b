import { describe, it, expect, afterEach } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createS3Client, ObjectStore } from '../src/index.js';

const MAIN = path.resolve('libs/storage/src/embedded-s3.main.ts');

async function firstLine(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('embedded-s3.main', () => {
  let directory: string | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('announces s3.ready with its port, serves S3, and stops on %s', async (signal) => {
    directory = await mkdtemp(path.join(tmpdir(), 'embedded-s3-main-'));
    child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', MAIN], {
      env: { ...process.env, NODE_OPTIONS: '', S3_EMBEDDED_DIR: directory, S3_EMBEDDED_PORT: '0', S3_ACCESS_KEY: 'cli', S3_SECRET_KEY: 'cli-secret' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });

    const ready = JSON.parse(await firstLine(child)) as { event: string; port: number };
    expect(ready).toEqual({ event: 's3.ready', port: expect.any(Number) });

    const client = createS3Client({ endPoint: '127.0.0.1', port: ready.port, useSSL: false, accessKey: 'cli', secretKey: 'cli-secret', region: 'us-east-1' });
    const store = new ObjectStore({ client, bucket: 'cli-test' });
    await store.ensureBucket();
    await store.putBuffer('hello', Buffer.from('hello'));
    expect(await store.stat('hello')).toBe(5);

    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 30_000);
});
