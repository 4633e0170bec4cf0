import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getLogger, initLogging } from '@pets/logging';
import { advertise, claimDataDir, releaseDataDir } from './embedded-lock.file';
import { PgliteWireServer } from './pglite-wire.server';

/**
 * The embedded datastore as a process: PGlite (PostgreSQL compiled to
 * WebAssembly) served over the PostgreSQL wire protocol on loopback, so every
 * API worker and the aggregation worker share one database with the same
 * driver and SQL they use against a real server. It exits with its parent.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: '.data/pglite' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'idle-in-transaction-ms': { type: 'string', default: '60000' },
    },
  });
  const dataDir = values['data-dir'];
  const inMemory = dataDir.startsWith('memory://');
  initLogging({ service: 'embedded-datastore', level: (process.env.LOG_LEVEL as 'info') ?? 'info' });
  const log = getLogger('embedded-datastore');

  if (!inMemory && !claimDataDir(dataDir)) {
    process.send?.({ type: 'taken' });
    log.info({ dataDir }, 'data directory already served by another process');
    return;
  }
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(inMemory ? 'memory://' : dataDir);
  const server = new PgliteWireServer({
    db,
    log,
    host: values.host,
    port: Number(values.port),
    idleInTransactionMs: Number(values['idle-in-transaction-ms']),
  });
  const { address, port } = await server.listen();
  if (!inMemory) advertise(dataDir, { pid: process.pid, host: address, port });
  log.info({ dataDir, host: address, port }, 'embedded datastore listening');
  process.send?.({ type: 'listening', host: address, port });

  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'embedded datastore stopping');
    await server.close();
    await db.close();
    if (!inMemory) releaseDataDir(dataDir);
    // After the parent's exit the channel is closed already, and disconnecting
    // again would throw (ERR_IPC_DISCONNECTED) on the way out.
    if (process.connected) process.disconnect();
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // The process that started us is gone: nobody is left to stop us.
  process.once('disconnect', () => void stop('parent exited'));
}

main().catch((error: unknown) => {
  getLogger('embedded-datastore').fatal({ err: error }, 'embedded datastore failed');
  process.exitCode = 1;
});
