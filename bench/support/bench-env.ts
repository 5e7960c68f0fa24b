/**
 * The environment of a benchmark run. Benchmarks are tools, not services: this is the one place under
 * `bench/` that reads `process.env`.
 */
const env = process.env;

export const benchEnv = {
  /** `BENCH_QUICK=1`: short durations, used by the smoke test so that the benchmarks keep working. */
  quick: env['BENCH_QUICK'] === '1',
  databaseUrl: env['BENCH_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test',
  natsUrl: env['BENCH_NATS_URL'] ?? 'nats://127.0.0.1:4222',
  redisUrl: env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  /** event-pipeline: concurrent account openings (`BENCH_PIPELINE_WRITERS`). */
  pipelineWriters: Number(env['BENCH_PIPELINE_WRITERS'] ?? 16),
  /** event-pipeline: extra Node flags of the consumer process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  consumerNodeArgs: (env['BENCH_CONSUMER_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
};

/** `full` milliseconds normally, `quick` in quick mode. */
export function duration(full: number, quick: number): number {
  return benchEnv.quick ? quick : full;
}
