import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  /** Name shown in logs (`accounts`, `gateway`...). */
  name: string;
  /** TypeScript entry point, run through SWC (no build step). */
  entry: string;
  env: Record<string, string>;
  /** URL answering 200 once the service is ready. */
  readinessUrl: string;
  cwd?: string;
  /** Receives every output line of the child (JSON log lines). */
  onLine?: (name: string, line: string) => void;
  /** Extra HTTPS options for a readiness URL served over TLS with our own CA. */
  fetchReady?: (url: string) => Promise<boolean>;
  /**
   * Output appended straight to this file instead of piped to the parent (no `lines`, no `onLine`):
   * a benchmark's load generator then does not read every log line of the services it measures.
   */
  logFile?: string;
}

const SWC_LOADER = ['--enable-source-maps', '--import', '@swc-node/register/esm-register'];

/** Extra Node flags for every service, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a benchmark. */
function extraNodeArgs(): string[] {
  return (process.env['SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
}

/** One service as a child process: started, awaited until ready, stopped with SIGTERM (or killed). */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<ProcessExit> | undefined;
  readonly lines: string[] = [];

  constructor(readonly options: ServiceProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const logFd = this.options.logFile ? openSync(this.options.logFile, 'a') : undefined;
    const child = spawn(process.execPath, [...SWC_LOADER, ...extraNodeArgs(), this.options.entry], {
      cwd: this.options.cwd ?? process.cwd(),
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json', ...this.options.env },
      stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    });
    if (logFd !== undefined) closeSync(logFd); // the child holds its own copy
    this.child = child;
    // 'close', not 'exit': 'exit' may come before the last output is read (the logs flushed on exit,
    // a configuration error), and whoever awaits the exit then reads `lines`.
    this.exited = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
    for (const stream of logFd === undefined ? [child.stdout, child.stderr] : []) {
      createInterface({ input: stream! }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > 2000) this.lines.shift();
        this.options.onLine?.(this.options.name, line);
      });
    }
  }

  async waitReady(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const probe = this.options.fetchReady ?? plainProbe;
    let exit: ProcessExit | undefined;
    void this.exited?.then((value) => (exit = value));
    while (Date.now() < deadline) {
      if (exit) {
        throw new Error(`${this.options.name} exited with ${exit.code ?? exit.signal} before being ready:\n${this.tail()}`);
      }
      if (await probe(this.options.readinessUrl).catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.options.name} not ready after ${timeoutMs} ms:\n${this.tail()}`);
  }

  /**
   * Graceful stop: SIGTERM, then SIGKILL if it has not exited within the grace period. A service
   * exits with code 0 once its shutdown hooks have run (a plain Node script may end by the signal
   * itself), a forced stop with SIGKILL.
   */
  async stop(graceMs = 15000): Promise<ProcessExit> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) {
      return { code: this.child?.exitCode ?? null, signal: this.child?.signalCode ?? null };
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    try {
      return await this.exited!;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Crash simulation: no shutdown hooks run. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  tail(lines = 40): string {
    const output = this.options.logFile ? readFileSync(this.options.logFile, 'utf8').split('\n') : this.lines;
    return output.slice(-lines).join('\n');
  }
}

async function plainProbe(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}
