/**
 * `npm run bench [-- <name>...]`: runs every `bench/*.bench.ts` (or the named ones) one after the
 * other, each in its own process so that one benchmark's leftovers never weigh on the next, then
 * prints one summary table. `BENCH_QUICK=1` shortens every measurement (smoke test).
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type BenchResult, parseResultLine } from './support/result.js';
import { type BenchOutcome, summaryTable } from './support/summary-table.js';

const BENCH_DIR = import.meta.dirname;
const ROOT = resolve(BENCH_DIR, '..');
const SUFFIX = '.bench.ts';

async function availableBenchmarks(): Promise<string[]> {
  const files = await readdir(BENCH_DIR);
  return files.filter((file) => file.endsWith(SUFFIX)).map((file) => basename(file, SUFFIX)).sort();
}

function runBenchmark(name: string): Promise<BenchOutcome> {
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '--import', '@swc-node/register/esm-register', join(BENCH_DIR, `${name}${SUFFIX}`)],
    { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let result: BenchResult | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const parsed = parseResultLine(line);
    if (parsed) result = parsed;
    else process.stdout.write(`[${name}] ${line}\n`);
  });
  return new Promise((resolveOutcome) => {
    child.on('close', (code, signal) => {
      const durationMs = Date.now() - startedAt;
      const failure = code === 0 ? (result ? undefined : 'printed no result') : `exited with ${signal ?? code}`;
      resolveOutcome({ name, result: failure ? undefined : result, failure, durationMs });
    });
  });
}

const available = await availableBenchmarks();
const requested = process.argv.slice(2).map((arg) => basename(arg, SUFFIX));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}

const outcomes: BenchOutcome[] = [];
for (const name of requested.length > 0 ? requested : available) {
  process.stdout.write(`\n=== ${name} ===\n`);
  outcomes.push(await runBenchmark(name));
}
process.stdout.write(`\n${summaryTable(outcomes)}\n`);
process.exit(outcomes.every((outcome) => outcome.result) ? 0 : 1);
