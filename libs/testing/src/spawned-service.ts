import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export type LogLine = Record<string, unknown> & { msg?: string; level?: string; service?: string };

export interface SpawnOptions {
  /** Extra environment, on top of a minimal inherited one. */
  env?: NodeJS.ProcessEnv;
  /** Arguments after the entry file. */
  args?: string[];
}

const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * A built service (`dist/...`) running as a child process, with its stdout
 * collected line by line: the way an operator or a log shipper sees it.
 */
export class SpawnedService {
  readonly lines: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly process: ChildProcess) {
    createInterface({ input: process.stdout! }).on('line', (line) => this.lines.push(line));
    createInterface({ input: process.stderr! }).on('line', (line) => this.stderr.push(line));
    this.exited = once(process, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  /** Starts `dist/<entry>` (an app's compiled main) with node. */
  static start(entry: string, options: SpawnOptions = {}): SpawnedService {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, entry), ...(options.args ?? [])], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new SpawnedService(child);
  }

  /** Stdout lines that are JSON objects. */
  get logs(): LogLine[] {
    return this.lines.flatMap((line): LogLine[] => {
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed === 'object' && parsed !== null ? [parsed as LogLine] : [];
      } catch {
        return [];
      }
    });
  }

  /** Resolves with the first log line matching, failing after `timeoutMs` or on exit. */
  async waitForLog(match: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.find(match);
      if (found) return found;
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`service exited before the expected line; stderr: ${this.stderr.join('\n')}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for a log line; stdout so far:\n${this.lines.join('\n')}`);
      }
      await new Promise((wake) => setTimeout(wake, 25));
    }
  }

  /** Sends a signal and waits for the exit. */
  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    return this.exited;
  }
}
