import type pg from 'pg';
import { connectBus, ensureStream, PROCESSED_MESSAGE_TABLE_SQL, type Bus } from '../../src/index.js';
import { NATS_URL, uniqueToken } from './fixtures.js';
import { createSchemaPool, dropSchemaPool } from './postgres.js';

/**
 * What the consumer test files share: a schema with the claims table and an `Effect` table, and a
 * bus prefix + memory stream per test, all removed afterwards. Call inside a `describe` or at top level.
 */
export function consumerHarness(label: string): {
  pool: () => pg.Pool;
  cleanups: Array<() => Promise<unknown>>;
  isolatedBus: () => Promise<{ bus: Bus; stream: string }>;
} {
  const schema = uniqueToken(`bus_${label}`);
  let pool: pg.Pool | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    pool = await createSchemaPool(schema);
    await pool.query(PROCESSED_MESSAGE_TABLE_SQL);
    await pool.query(`CREATE TABLE "Effect" (id serial PRIMARY KEY, "envelopeId" text NOT NULL)`);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    if (pool) await dropSchemaPool(pool, schema);
  });

  return {
    pool: () => pool!,
    cleanups,
    /** Each test gets its own bus prefix and stream, so no test sees another's messages. */
    async isolatedBus() {
      const stream = uniqueToken(`BUS_${label}`).toUpperCase();
      const bus = connectBus({ servers: NATS_URL, name: `bus-${label}-test`, subjectPrefix: uniqueToken(label) });
      await ensureStream(bus, { name: stream, storage: 'memory' });
      cleanups.push(async () => {
        const jsm = await bus.connection().jetstreamManager();
        await jsm.streams.delete(stream);
        await bus.close();
      });
      return { bus, stream };
    },
  };
}
