import autocannon from 'autocannon';
import { processCpuMs } from './process-cpu.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Errors, timeouts and non-2xx answers: a fast error is not a served request. */
  failures: number;
  total: number;
  /** CPU time (ms) each watched process used during the measured phase (not the warm-up). */
  cpuMs: Map<string, number>;
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
  const before = cpuOf(watched);
  const result = await autocannon({ ...base, duration: options.durationMs / 1000 });
  const after = cpuOf(watched);
  return {
    cpuMs: new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? ms)])),
    requestsPerSecond: result['2xx'] / result.duration, // duration is in seconds
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

function cpuOf(processes: Record<string, number | undefined>): Map<string, number> {
  const sample = new Map<string, number>();
  for (const [name, pid] of Object.entries(processes)) {
    const ms = pid === undefined ? null : processCpuMs(pid);
    if (ms !== null) sample.set(name, ms);
  }
  return sample;
}

/** "gateway 110 µs, accounts 30 µs, …; total 200 µs" of CPU per served request. */
export function cpuPerRequest(load: LoadResult): string {
  const served = Math.max(1, load.total - load.failures);
  const parts = [...load.cpuMs].map(([name, ms]) => [name, (ms * 1000) / served] as const);
  const total = parts.reduce((sum, [, us]) => sum + us, 0);
  return `${parts.map(([name, us]) => `${name} ${Math.round(us)} µs`).join(', ')}; total ${Math.round(total)} µs`;
}
