/**
 * CPU time used by each part of the pipeline, from /proc (Linux; elsewhere nothing is reported): the
 * two Node processes (the producer process — accounts repository and relay — also runs the raw
 * baseline's publisher), the Postgres backends of each connection pool (found by application_name)
 * and nats-server (shared with whatever else uses it). Divided by the events handled meanwhile, it says
 * where a 2-core machine's time goes per event, which a throughput figure alone does not.
 * Postgres' background processes (WAL writer, checkpointer) are not counted.
 */
import { type CpuSample, pidsNamed, sampleCpu as sampleProcesses } from '../process-cpu.js';
import pg from 'pg';
import { MINIMAL_CONSUMER_APP, MINIMAL_PRODUCER_APP } from './minimal-pipeline.js';

/** application_name of each pool of the project's pipeline → the part it stands for. */
export const PROJECT_POSTGRES_PARTS: Record<string, string> = {
  'bench-accounts': 'postgres (account openings)',
  'bench-accounts-relay': 'postgres (outbox relay)',
  'bench-bases': 'postgres (tenants consumer)',
};

/** The same for the floor (minimal-pipeline.ts). */
export const MINIMAL_POSTGRES_PARTS: Record<string, string> = {
  [MINIMAL_PRODUCER_APP]: 'postgres (minimal producer and relay)',
  [MINIMAL_CONSUMER_APP]: 'postgres (minimal consumer)',
};

/** Never fails: a part that cannot be read is left out. `postgresParts`: whose backends count. */
export async function sampleCpu(databaseUrl: string, consumerPid: number | undefined, postgresParts: Record<string, string>): Promise<CpuSample> {
  return sampleProcesses([
    ['producer process', process.pid],
    ['consumer process', consumerPid],
    ...(await backendsOf(databaseUrl, Object.keys(postgresParts))).map(({ pid, application_name }) => [postgresParts[application_name]!, pid] as const),
    ...pidsNamed('nats-server').map((pid) => ['nats-server (shared)', pid] as const),
  ]);
}

/** The Postgres backends of the pipeline's pools; none if they cannot be listed (the figure is best effort). */
async function backendsOf(databaseUrl: string, applicationNames: string[]): Promise<Array<{ pid: number; application_name: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number; application_name: string }>(
      `SELECT pid, application_name FROM pg_stat_activity WHERE application_name = ANY($1::text[])`,
      [applicationNames],
    );
    return rows;
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}
