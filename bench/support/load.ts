import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Errors, timeouts and non-2xx answers: a fast error is not a served request. */
  failures: number;
  total: number;
}

/** HTTP load at `connections` for `durationMs`, after an unmeasured warm-up of `warmupMs`. */
export async function measureLoad(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  warmupMs: number;
}): Promise<LoadResult> {
  const base = { url: options.url, connections: options.connections, headers: options.headers };
  await autocannon({ ...base, duration: options.warmupMs / 1000 });
  const result = await autocannon({ ...base, duration: options.durationMs / 1000 });
  return {
    requestsPerSecond: result['2xx'] / result.duration, // duration is in seconds
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}
