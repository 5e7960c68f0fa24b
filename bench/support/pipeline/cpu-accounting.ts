/**
 * CPU time used by each part of the pipeline, from /proc (Linux; elsewhere nothing is reported): the
 * two Node processes (the producer process — accounts repository and relay — also runs the raw
 * baseline's publisher), the Postgres backends of each connection pool (found by application_name)
 * and nats-server (shared with whatever else uses it). Divided by the events handled meanwhile, it says
 * where a 2-core machine's time goes per event, which a throughput figure alone does not.
 * Postgres' background processes (WAL writer, checkpointer) are not counted.
 */
import { pidsNamed, processCpuMs } from '../process-cpu.js';
import pg from 'pg';

export type CpuSample = Map<string, number>;

/** application_name of each pool → the part it stands for. */
export const POSTGRES_PARTS: Record<string, string> = {
  'bench-accounts': 'postgres (account openings)',
  'bench-accounts-relay': 'postgres (outbox relay)',
  'bench-bases': 'postgres (tenants consumer)',
};

/** Never fails: a part that cannot be read is left out. */
export async function sampleCpu(databaseUrl: string, consumerPid: number | undefined): Promise<CpuSample> {
  const sample: CpuSample = new Map();
  const add = (part: string, pid: number | undefined) => {
    const ms = pid === undefined ? null : processCpuMs(pid);
    if (ms !== null) sample.set(part, (sample.get(part) ?? 0) + ms);
  };
  add('producer process', process.pid);
  add('consumer process (bases)', consumerPid);
  for (const { pid, application_name } of await backendsOf(databaseUrl)) add(POSTGRES_PARTS[application_name]!, pid);
  for (const pid of pidsNamed('nats-server')) add('nats-server (shared)', pid);
  return sample;
}

/** The Postgres backends of the pipeline's pools; none if they cannot be listed (the figure is best effort). */
async function backendsOf(databaseUrl: string): Promise<Array<{ pid: number; application_name: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number; application_name: string }>(
      `SELECT pid, application_name FROM pg_stat_activity WHERE application_name = ANY($1::text[])`,
      [Object.keys(POSTGRES_PARTS)],
    );
    return rows;
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** "part X µs, …" per event between two samples. */
export function cpuPerEvent(before: CpuSample, after: CpuSample, events: number): string {
  const parts = [...after].map(([part, ms]) => [part, ((ms - (before.get(part) ?? 0)) * 1000) / events] as const);
  const total = parts.reduce((sum, [, us]) => sum + us, 0);
  return `${parts.map(([part, us]) => `${part} ${Math.round(us)} µs`).join(', ')}; total ${Math.round(total)} µs`;
}
