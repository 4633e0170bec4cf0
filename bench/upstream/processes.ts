import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Waits until `url` answers (any status), or fails if `child` exits first. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode}) before answering`);
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Every process id now in /proc. */
export function processIds(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold
 * spaces): index 0 is field 3 (state), index 1 the parent's pid, index 11
 * utime. Undefined if the process is gone.
 */
export function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The children of `pid` whose command line matches. */
export function childProcesses(pid: number, matching: RegExp): number[] {
  return processIds().filter((child) => {
    if (Number(procStatFields(child)?.[1]) !== pid) return false;
    try {
      return matching.test(readFileSync(`/proc/${child}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
}

/** The processes serving for `pid`: its matching children (a cluster's workers), or itself. */
export function processTree(pid: number, matching: RegExp): number[] {
  const children = childProcesses(pid, matching);
  return children.length > 0 ? children : [pid];
}

/** Peak resident memory (VmHWM) in MiB; 0 if the process is gone. */
export function peakRssMiB(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** SIGTERM, then waits for the exit; SIGKILL if it has not exited within `killAfterMs`. */
export function stopChild(child: ChildProcess, killAfterMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
