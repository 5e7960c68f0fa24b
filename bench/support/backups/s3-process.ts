/**
 * The embedded S3 endpoint (s3rver) in its own process, as MinIO would be: the benchmark process's
 * own CPU use (hashing, Prisma) must not slow down the endpoint it measures against.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@pronote/testing';
import { backupsBenchEnv } from './backups-bench-env.js';

const ENTRY = resolve(import.meta.dirname, '../../../libs/storage/src/embedded-s3.main.ts');

export interface S3Process {
  port: number;
  /** The endpoint's process id (its CPU use is reported). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startS3Process(options: { directory: string; accessKey: string; secretKey: string }): Promise<S3Process> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...backupsBenchEnv.s3NodeArgs, '--import', '@swc-node/register/esm-register', ENTRY], {
    env: {
      ...process.env,
      SWC_NODE_PROJECT: 'tsconfig.json',
      S3_EMBEDDED_DIR: options.directory,
      S3_EMBEDDED_PORT: String(port),
      S3_ACCESS_KEY: options.accessKey,
      S3_SECRET_KEY: options.secretKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  await new Promise<void>((ready, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"s3.ready"')) ready();
    });
    void exited.then(([code]) => fail(new Error(`embedded S3 exited with ${String(code)} before it was ready`)));
  });
  return {
    port,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
