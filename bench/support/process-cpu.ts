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
