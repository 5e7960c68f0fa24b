import autocannon from 'autocannon';
import { type CpuSample, cpuPerUnit, sampleCpu } from './process-cpu.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Errors, timeouts and non-2xx answers: a fast error is not a served request. */
  failures: number;
  total: number;
  /** CPU time of each watched process around the measured phase (not the warm-up). */
  cpu: { before: CpuSample; after: CpuSample };
}

/** HTTP load at `connections` for `durationMs`, after an unmeasured warm-up of `warmupMs`. */
export async function measureLoad(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** Processes whose CPU time is measured, by name; this process (the load generator) is always watched. */
  watch?: Record<string, number | undefined>;
}): Promise<LoadResult> {
  const base = { url: options.url, connections: options.connections, headers: options.headers };
  await autocannon({ ...base, duration: options.warmupMs / 1000 });
  const watched = { 'load generator (autocannon)': process.pid, ...options.watch };
  const before = sampleCpu(Object.entries(watched));
  const result = await autocannon({ ...base, duration: options.durationMs / 1000 });
  const after = sampleCpu(Object.entries(watched));
  return {
    cpu: { before, after },
    requestsPerSecond: result['2xx'] / result.duration, // duration is in seconds
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

/** "gateway 110 µs, accounts 30 µs, …; total 200 µs" of CPU per served request. */
export function cpuPerRequest(load: LoadResult): string {
  return cpuPerUnit(load.cpu.before, load.cpu.after, load.total - load.failures);
}
