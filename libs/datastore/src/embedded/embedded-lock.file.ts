import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What the process serving an embedded data directory advertises to others. */
export interface EmbeddedServerRecord {
  pid: number;
  host?: string;
  port?: number;
}

export function lockPathOf(dataDir: string): string {
  return `${resolve(dataDir)}.server.json`;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readRecord(dataDir: string): EmbeddedServerRecord | undefined {
  try {
    return JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8')) as EmbeddedServerRecord;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory for this process, atomically (O_EXCL): two PGlite
 * instances on one directory would corrupt it. A record left by a dead process
 * is taken over. Returns false if a live process holds it.
 */
export function claimDataDir(dataDir: string): boolean {
  const path = lockPathOf(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, JSON.stringify({ pid: process.pid } satisfies EmbeddedServerRecord));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readRecord(dataDir);
      if (holder && isAlive(holder.pid)) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

export function advertise(dataDir: string, record: EmbeddedServerRecord): void {
  writeFileSync(lockPathOf(dataDir), JSON.stringify(record));
}

export function releaseDataDir(dataDir: string): void {
  const holder = readRecord(dataDir);
  if (holder?.pid === process.pid) rmSync(lockPathOf(dataDir), { force: true });
}
