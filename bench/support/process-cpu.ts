/**
 * CPU time of processes from /proc (Linux; elsewhere nothing is reported). Divided by the work done
 * meanwhile, it says where a 2-core machine's time goes, which a throughput figure alone does not,
 * and it holds better than a rate on a machine shared with other work.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** /proc reports CPU times in USER_HZ ticks, 100 a second on Linux whatever the kernel's HZ. */
const MS_PER_TICK = 10;

/** CPU time (user + system, ms, all threads) a process has used so far; null where it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}

/** Pids of the processes whose command name is `name` (e.g. `nats-server`); none where /proc is missing. */
export function pidsNamed(name: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU time (ms) by part: several processes may stand for one part (their times add up). */
export type CpuSample = Map<string, number>;

/** Never fails: a process that cannot be read is left out. */
export function sampleCpu(processes: Iterable<readonly [part: string, pid: number | undefined]>): CpuSample {
  const sample: CpuSample = new Map();
  for (const [part, pid] of processes) {
    const ms = pid === undefined ? null : processCpuMs(pid);
    if (ms !== null) sample.set(part, (sample.get(part) ?? 0) + ms);
  }
  return sample;
}

/** "part 110 µs, …; total 200 µs" of CPU per unit of work done between two samples. */
export function cpuPerUnit(before: CpuSample, after: CpuSample, units: number): string {
  const parts = [...after].map(([part, ms]) => [part, ((ms - (before.get(part) ?? ms)) * 1000) / Math.max(1, units)] as const);
  const total = parts.reduce((sum, [, us]) => sum + us, 0);
  return `${parts.map(([part, us]) => `${part} ${Math.round(us)} µs`).join(', ')}; total ${Math.round(total)} µs`;
}
