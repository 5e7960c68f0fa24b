import { readFileSync } from 'node:fs';

/** /proc reports CPU times in USER_HZ ticks, 100 a second on Linux whatever the kernel's HZ. */
const MS_PER_TICK = 10;

/** CPU time (user + system, ms, all threads) another process has used so far; null where /proc is missing. */
export function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}

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
