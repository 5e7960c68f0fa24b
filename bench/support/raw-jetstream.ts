import type { NatsConnection } from 'nats';
import { perSecond } from './stats.js';

export interface RawPublishOptions {
  stream: string;
  subject: string;
  payload: Uint8Array;
  durationMs: number;
  /** PubAcks awaited at once. */
  inFlight: number;
}

/**
 * The raw infrastructure: plain JetStream publishes (no database, no envelope work, no message id)
 * with `inFlight` acks outstanding, for `durationMs`. Returns acknowledged messages per second.
 */
export async function rawJetStreamPublishRate(nc: NatsConnection, options: RawPublishOptions): Promise<number> {
  const js = nc.jetstream();
  const startedAt = performance.now();
  const deadline = startedAt + options.durationMs;
  let acked = 0;
  const lane = async () => {
    while (performance.now() < deadline) {
      await js.publish(options.subject, options.payload);
      acked++;
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, lane));
  const rate = perSecond(acked, performance.now() - startedAt);
  await (await nc.jetstreamManager()).streams.purge(options.stream);
  return rate;
}
