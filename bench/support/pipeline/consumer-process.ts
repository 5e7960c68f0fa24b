/**
 * A pipeline's consumer in its own Node process, as in production where the producing and the
 * consuming services are two processes: the parent forks an entry file (`*.process.ts`, built on
 * `consumer-process-entry.ts`) and hears, over IPC, which events were handled and when, on the clock
 * both processes share (`sharedClockNow`).
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface ConsumerProcessOptions<Args> {
  /** Absolute path of the `*.process.ts` entry. */
  entry: string;
  /** Handed to the entry as JSON (argv[2]). */
  args: Args;
  /** Extra Node flags for the consumer process (e.g. `--cpu-prof`). */
  nodeArgs: string[];
}

/** [event id, applied (false: already handled), handled at (sharedClockNow)] */
export type HandledReport = [string, boolean, number];

export type FromConsumer = { type: 'ready' } | { type: 'handled'; events: HandledReport[] };
export type ToConsumer = { type: 'stop' };

const START_TIMEOUT_MS = 30_000;

export class ConsumerProcess {
  private stopped: Promise<void> | undefined;

  private constructor(private readonly child: ChildProcess) {}

  static async start<Args>(options: ConsumerProcessOptions<Args>, onHandled: (report: HandledReport) => void): Promise<ConsumerProcess> {
    const child = fork(options.entry, [JSON.stringify(options.args)], {
      execArgv: ['--enable-source-maps', '--import', '@swc-node/register/esm-register', ...options.nodeArgs],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: FromConsumer) => {
      if (message.type === 'handled') message.events.forEach(onHandled);
    });
    await new Promise<void>((ready, failed) => {
      const timer = setTimeout(() => failed(new Error(`the consumer process ${options.entry} did not start`)), START_TIMEOUT_MS);
      child.on('message', (message: FromConsumer) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        ready();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        failed(new Error(`the consumer process ${options.entry} exited with ${code} before it was ready`));
      });
    });
    return new ConsumerProcess(child);
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
