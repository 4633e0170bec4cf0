import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// Where the CPU goes during a measured phase: the processes' own counters in
// /proc (Linux), read before and after. On a machine this small every
// process of the platform competes for the same cores, so "how much CPU does
// one change cost, and where" explains a figure better than the figure alone.

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

export interface CpuSnapshot {
  /** CPU seconds so far, per group. */
  readonly seconds: Record<string, number>;
}

export interface CpuGroups {
  /** Process ids of each group (a server's primary and its workers, say). */
  [group: string]: () => number[];
}

/** CPU seconds (user + system) of a process and of its children it has waited for. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, utime 14 ... cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return (utime + stime + cutime + cstime) / TICKS_PER_SECOND;
  } catch {
    return 0; // gone since it was listed
  }
}

/**
 * Every PostgreSQL server process on this machine (postmaster, backends,
 * background workers). Backends that end in between are counted through the
 * postmaster, whose counters include the children it has reaped.
 */
export function postgresProcesses(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

export function snapshotCpu(groups: CpuGroups): CpuSnapshot {
  const seconds: Record<string, number> = {};
  for (const [group, pids] of Object.entries(groups)) {
    seconds[group] = pids().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  }
  // This process and the children it has waited for (wrk, when it sends the load).
  seconds['load generator'] = cpuSecondsOf(process.pid);
  return { seconds };
}

/** Microseconds of CPU per unit of work, per group, between two snapshots. */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  const perUnit: Record<string, number> = {};
  for (const group of Object.keys(after.seconds)) {
    perUnit[group] = ((after.seconds[group] - (before.seconds[group] ?? 0)) * 1e6) / units;
  }
  return perUnit;
}
