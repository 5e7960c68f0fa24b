import { connect } from 'nats';

export const TEST_NATS_URL = 'nats://127.0.0.1:4222';

/** Removes a test's JetStream stream (created by the services it started); no error if it is gone or NATS is down. */
export async function deleteStream(stream: string, natsUrl = TEST_NATS_URL): Promise<void> {
  const nc = await connect({ servers: natsUrl, timeout: 2000 }).catch(() => undefined);
  if (!nc) return;
  try {
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
