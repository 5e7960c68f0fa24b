import { processCpuMs } from '../process-cpu.js';

/** CPU time (user + system, ms) this process has used so far. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU used by this process and the S3 endpoint's while `work` runs. */
export async function cpuDuring(s3Pid: number | undefined, work: () => Promise<unknown>): Promise<{ ownMs: number; s3Ms: number | null }> {
  const own = ownCpuMs();
  const s3 = s3Pid === undefined ? null : processCpuMs(s3Pid);
  await work();
  const s3After = s3Pid === undefined ? null : processCpuMs(s3Pid);
  return { ownMs: ownCpuMs() - own, s3Ms: s3 === null || s3After === null ? null : s3After - s3 };
}
