/** The backups benchmarks' own settings (bench/ is tooling: it may read the environment). */
const env = process.env;
const quick = env['BENCH_QUICK'] === '1';

function positiveInteger(name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

export const backupsBenchEnv = {
  /** Schools of the slot benchmark: `BENCH_SCHOOLS=10000` for the whole slot. */
  schools: quick ? 150 : positiveInteger('BENCH_SCHOOLS', 5_000),
  /** Runs in flight, as the service's `BACKUP_RUN_CONCURRENCY` (its default: 8). */
  runConcurrency: positiveInteger('BACKUP_RUN_CONCURRENCY', 8),
  /** Size of the restored base: 200 MB, 20 MB in quick mode. */
  restoreBytes: (quick ? 20 : 200) * 1024 * 1024,
  /** Node options of the S3 endpoint's process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/s3-prof" to profile it. */
  s3NodeArgs: env['BENCH_S3_NODE_ARGS']?.split(' ').filter(Boolean) ?? [],
};
