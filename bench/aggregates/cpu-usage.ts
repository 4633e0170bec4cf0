import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processIds, procStatFields } from '../upstream/processes';

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

/** CPU seconds (user + system) of a process and of its children it has waited for; 0 if gone. */
function cpuSecondsOf(pid: number): number {
  const fields = procStatFields(pid);
  if (!fields) return 0;
  // utime, stime, cutime, cstime: fields 14-17 of /proc/<pid>/stat.
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / TICKS_PER_SECOND;
}

/**
 * Every PostgreSQL server process on this machine (postmaster, backends,
 * background workers). Backends that end in between are counted through the
 * postmaster, whose counters include the children it has reaped.
 */
export function postgresProcesses(): number[] {
  return processIds().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      return false;
    }
  });
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
