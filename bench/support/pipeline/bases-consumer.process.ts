/** Entry of the bases consumer process (see bases-consumer-process.ts): argv[2] is its options as JSON. */
import { connectBus } from '@pronote/bus';
import { createLogger } from '@pronote/observability';
import type { ConsumerProcessOptions, FromConsumer, HandledReport, ToConsumer } from './bases-consumer-process.js';
import { BasesSide } from './bases-side.js';
import { sharedClockNow } from './pipeline-clock.js';

const { settings, durable, concurrency } = JSON.parse(process.argv[2]!) as Omit<ConsumerProcessOptions, 'nodeArgs'>;
/** Resolves once the message is handed to the IPC channel. */
const send = (message: FromConsumer) => new Promise<void>((sent) => process.send!(message, undefined, {}, () => sent()));
const logger = createLogger({ service: 'bench-bases', level: 'warn' });
const bus = connectBus({ servers: settings.natsUrl, name: 'bench-bases', subjectPrefix: settings.subjectPrefix });
await bus.ready();
const bases = new BasesSide(bus, settings, logger);

// The outcomes of one turn of the event loop (a batch) leave in one IPC message.
let pending: HandledReport[] = [];
const flush = async () => {
  const events = pending;
  pending = [];
  if (events.length > 0) await send({ type: 'handled', events });
};
bases.start(durable, concurrency, (id, applied) => {
  if (pending.length === 0) setImmediate(() => void flush());
  pending.push([id, applied, sharedClockNow()]);
});

process.on('message', (message: ToConsumer) => {
  if (message.type !== 'stop') return;
  void (async () => {
    await bases.close();
    await bus.close();
    await flush();
    process.disconnect();
  })();
});
await send({ type: 'ready' });
// The parent is gone (crashed or killed): nothing to report to any more.
process.once('disconnect', () => process.exit(0));
