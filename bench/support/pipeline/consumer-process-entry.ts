/** The child's side of `consumer-process.ts`: reports handled events in batches, stops on request. */
import type { FromConsumer, HandledReport, ToConsumer } from './consumer-process.js';
import { sharedClockNow } from './pipeline-clock.js';

export type ReportHandled = (eventId: string, applied: boolean) => void;

export interface RunningConsumer {
  /** Finishes the events in hand (their reports included), then releases every connection. */
  close(): Promise<void>;
}

/** The entry's options, as the parent passed them. */
export function consumerArgs<Args>(): Args {
  return JSON.parse(process.argv[2]!) as Args;
}

/** Starts the consumer with a reporter, tells the parent it is ready, and closes it when asked. */
export async function serveConsumerProcess(start: (report: ReportHandled) => Promise<RunningConsumer>): Promise<void> {
  /** Resolves once the message is handed to the IPC channel. */
  const send = (message: FromConsumer) => new Promise<void>((sent) => process.send!(message, undefined, {}, () => sent()));
  // The outcomes of one turn of the event loop (a batch) leave in one IPC message.
  let pending: HandledReport[] = [];
  const flush = async () => {
    const events = pending;
    pending = [];
    if (events.length > 0) await send({ type: 'handled', events });
  };
  const consumer = await start((id, applied) => {
    if (pending.length === 0) setImmediate(() => void flush());
    pending.push([id, applied, sharedClockNow()]);
  });
  process.on('message', (message: ToConsumer) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await consumer.close();
      await flush();
      process.disconnect();
    })();
  });
  await send({ type: 'ready' });
  // The parent is gone (crashed or killed): nothing to report to any more.
  process.once('disconnect', () => process.exit(0));
}
