import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

/** Runs one benchmark through the real runner in quick mode; resolves with its exit code and output. */
export function runQuick(benchmark: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'bench/run.ts', benchmark], {
    cwd: ROOT,
    env: { ...process.env, BENCH_QUICK: '1', SWC_NODE_PROJECT: 'tsconfig.json', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}
