/**
 * Entry of the floor's consumer process (see minimal-pipeline.ts): a durable JetStream consumer whose
 * messages, as they arrive, are claimed and applied by batches in one statement each (up to
 * `CONCURRENT_BATCHES` statements at once), then acked.
 */
import { type JsMsg, connect } from 'nats';
import pg from 'pg';
import { consumerArgs, serveConsumerProcess } from './consumer-process-entry.js';
import { MINIMAL_CONSUMER_APP } from './minimal-pipeline.js';

export interface MinimalConsumerArgs {
  databaseUrl: string;
  natsUrl: string;
  schema: string;
  stream: string;
  durable: string;
}

const MAX_BATCH = 500;
const CONCURRENT_BATCHES = 4;

interface Event {
  id: string;
  payload: { accountId: string; uai: string; schoolName: string };
}

const args = consumerArgs<MinimalConsumerArgs>();
await serveConsumerProcess(async (report) => {
  const pool = new pg.Pool({
    connectionString: args.databaseUrl,
    max: CONCURRENT_BATCHES,
    application_name: MINIMAL_CONSUMER_APP,
    options: `-c search_path=${args.schema}`,
  });
  const nc = await connect({ servers: args.natsUrl, noAsyncTraces: true });
  const messages = await (await nc.jetstream().consumers.get(args.stream, args.durable)).consume({ max_messages: 1000 });
  const decoder = new TextDecoder();
  const waiting: JsMsg[] = [];
  let running = 0;

  const apply = async (batch: JsMsg[]) => {
    running++;
    const events = batch.map((message) => JSON.parse(decoder.decode(message.data)) as Event);
    const { rows } = await pool.query<{ id: string }>(
      `WITH e AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS e(id, uai, school_name)),
         claimed AS (INSERT INTO claims (id) SELECT id FROM e ON CONFLICT DO NOTHING RETURNING id),
         applied AS (INSERT INTO projection (id, uai, school_name) SELECT e.id, e.uai, e.school_name FROM e JOIN claimed USING (id)
                     ON CONFLICT (id) DO UPDATE SET uai = excluded.uai, school_name = excluded.school_name)
       SELECT id FROM claimed`,
      [events.map((e) => e.id), events.map((e) => e.payload.uai), events.map((e) => e.payload.schoolName)],
    );
    const claimed = new Set(rows.map(({ id }) => id));
    for (const message of batch) message.ack();
    for (const { id } of events) report(id, claimed.has(id));
    running--;
    next();
  };
  const next = () => {
    if (running >= CONCURRENT_BATCHES || waiting.length === 0) return;
    const batch = waiting.splice(0, MAX_BATCH);
    void apply(batch);
  };
  const consuming = (async () => {
    for await (const message of messages) {
      waiting.push(message);
      next();
    }
  })();
  return {
    close: async () => {
      await messages.close();
      await consuming;
      while (running > 0 || waiting.length > 0) await new Promise((r) => setTimeout(r, 5));
      await pool.end();
      await nc.close();
    },
  };
});
