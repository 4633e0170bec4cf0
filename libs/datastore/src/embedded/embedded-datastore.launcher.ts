import { type ChildProcess, fork } from 'node:child_process';
import { extname, join } from 'node:path';
import type { Logger } from '@pets/logging';
import { isAlive, readRecord } from './embedded-lock.file';

export interface EmbeddedDatastore {
  /** A postgres:// URL that any process on this machine can use. */
  url: string;
  /** True when this process started the server (and stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

type ServerMessage = { type: 'listening'; host: string; port: number } | { type: 'taken' };

const SERVER_ENTRY = join(__dirname, `embedded-server.main${extname(__filename)}`);

function urlOf(host: string, port: number): string {
  return `postgres://postgres@${host}:${port}/postgres`;
}

/**
 * Joins the embedded datastore already serving `dataDir`, or starts one as a
 * child process. `memory://` always starts a private, throwaway one.
 */
export interface EmbeddedDatastoreOptions {
  /** How long the server may wait on a client sitting idle inside a transaction. */
  idleInTransactionMs?: number;
  timeoutMs?: number;
}

export async function ensureEmbeddedDatastore(
  dataDir: string,
  log: Logger,
  { idleInTransactionMs = 60_000, timeoutMs = 60_000 }: EmbeddedDatastoreOptions = {},
): Promise<EmbeddedDatastore> {
  const joined = dataDir.startsWith('memory://') ? undefined : joinRunning(dataDir);
  if (joined) {
    log.info({ url: joined.url }, 'using the embedded datastore another process started');
    return joined;
  }
  const child = fork(
    SERVER_ENTRY,
    ['--data-dir', dataDir, '--idle-in-transaction-ms', String(idleInTransactionMs)],
    {
      // Running from TypeScript sources (tests, scripts): the child needs the same loader.
      execArgv: extname(SERVER_ENTRY) === '.ts' ? ['-r', '@swc-node/register'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const message = await firstMessage(child, timeoutMs);
  if (message.type === 'listening') {
    const url = urlOf(message.host, message.port);
    log.info({ url, dataDir, pid: child.pid }, 'embedded datastore started');
    return { url, owned: true, stop: () => stopChild(child) };
  }
  // Another process claimed the directory between our look and our start.
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const other = joinRunning(dataDir);
    if (other) return other;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the embedded datastore for ${dataDir} did not come up within ${timeoutMs} ms`);
}

function joinRunning(dataDir: string): EmbeddedDatastore | undefined {
  const record = readRecord(dataDir);
  if (!record?.port || !isAlive(record.pid)) return undefined;
  return { url: urlOf(record.host ?? '127.0.0.1', record.port), owned: false, stop: () => Promise.resolve() };
}

function firstMessage(child: ChildProcess, timeoutMs: number): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded datastore did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as ServerMessage);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the embedded datastore exited during start-up (code ${code})`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
