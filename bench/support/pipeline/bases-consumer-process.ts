/**
 * The bases consumer in its own Node process, as in production where accounts and bases are two
 * services: the parent forks `bases-consumer.process.ts` and hears, over IPC, which events were
 * handled and when, on the clock both processes share (`sharedClockNow`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { PipelineSettings } from './pipeline-settings.js';

export interface ConsumerProcessOptions {
  settings: PipelineSettings;
  durable: string;
  concurrency: number;
  /** Extra Node flags for the consumer process (e.g. `--cpu-prof`). */
  nodeArgs: string[];
}

/** [event id, applied (false: already handled), handled at (sharedClockNow)] */
export type HandledReport = [string, boolean, number];

export type FromConsumer = { type: 'ready' } | { type: 'handled'; events: HandledReport[] };
export type ToConsumer = { type: 'stop' };

const ENTRY = resolve(import.meta.dirname, 'bases-consumer.process.ts');
const START_TIMEOUT_MS = 30_000;

export class BasesConsumerProcess {
  private stopped: Promise<void> | undefined;

  private constructor(private readonly child: ChildProcess) {}

  static async start(options: ConsumerProcessOptions, onHandled: (report: HandledReport) => void): Promise<BasesConsumerProcess> {
    const { nodeArgs, ...childOptions } = options;
    const child = fork(ENTRY, [JSON.stringify(childOptions)], {
      execArgv: ['--enable-source-maps', '--import', '@swc-node/register/esm-register', ...nodeArgs],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: FromConsumer) => {
      if (message.type === 'handled') message.events.forEach(onHandled);
    });
    await new Promise<void>((ready, failed) => {
      const timer = setTimeout(() => failed(new Error('the bases consumer process did not start')), START_TIMEOUT_MS);
      child.on('message', (message: FromConsumer) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        ready();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        failed(new Error(`the bases consumer process exited with ${code} before it was ready`));
      });
    });
    return new BasesConsumerProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops consuming (the events in hand are finished and reported), then waits for the process to exit. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((done) => {
      if (this.child.exitCode !== null) return done();
      this.child.once('exit', () => done());
      this.child.send({ type: 'stop' } satisfies ToConsumer);
    });
    return this.stopped;
  }
}
