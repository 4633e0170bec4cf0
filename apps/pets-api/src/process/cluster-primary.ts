import cluster, { type Worker } from 'node:cluster';
import { ensureEmbeddedDatastore, type EmbeddedDatastore } from '@pets/datastore';
import type { LoggerRegistry } from '@pets/logging';
import { serveAcceptDescriptors, useClusterSchedulingPolicy, withApiV8Flags } from '@pets/runtime';
import type { ApiSettings } from '../config/api.settings';
import { serveClusterMetrics } from './cluster-metrics';

const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 10_000;

/**
 * The primary of API_WORKERS processes sharing one port. It forks before it
 * creates anything a child could share (the lesson of the articles' Tornado
 * bug: no event loop, socket, pool, timer or client exists in the primary
 * before the fork; each worker builds its own after). It forwards SIGTERM and
 * SIGINT, restarts a worker that dies, and answers for the cluster's metrics.
 *
 * With no DATASTORE_URL, it first starts the embedded datastore, a separate
 * process (its IPC pipe is close-on-exec, so no worker inherits it), and hands
 * its URL to the workers.
 */
export async function runClusterPrimary(settings: ApiSettings, logging: LoggerRegistry): Promise<void> {
  const log = logging.forModule('cluster');
  let embedded: EmbeddedDatastore | undefined;
  if (!settings.datastore.url) {
    embedded = await ensureEmbeddedDatastore(
      settings.datastore.embeddedDataDir,
      logging.forModule('datastore'),
    );
    process.env.DATASTORE_URL = embedded.url;
  }

  let stopping = false;
  let restartDelay = RESTART_MIN_MS;
  const listening = new Set<number>();

  const fork = (index: number): Worker => {
    const worker = cluster.fork({ API_WORKER_INDEX: String(index) });
    worker.on('listening', (address) => {
      listening.add(index);
      restartDelay = RESTART_MIN_MS;
      if (listening.size === settings.http.workers) {
        const host = address.address && address.address !== '::' ? address.address : settings.http.host;
        log.info(
          { url: `http://${host}:${address.port}`, workers: settings.http.workers },
          'pets-api listening',
        );
      }
    });
    worker.on('exit', (code, signal) => {
      listening.delete(index);
      if (stopping) return;
      log.error(
        { worker: index, workerPid: worker.process.pid, code, signal, restartInMs: restartDelay },
        'API worker died; restarting it',
      );
      setTimeout(() => fork(index), restartDelay);
      restartDelay = Math.min(restartDelay * 2, RESTART_MAX_MS);
    });
    return worker;
  };

  // Each worker accepts its own connections (see the function: a busy or
  // stopped worker does not hold up new ones).
  useClusterSchedulingPolicy();
  // ...and each takes a burst of them faster from several descriptors of the socket.
  serveAcceptDescriptors();
  // The workers get the API's V8 flags even when the primary was started
  // without them (`npm run start:api`, the demo): they size the heap at start.
  cluster.setupPrimary({ execArgv: withApiV8Flags(process.execArgv) });
  for (let index = 0; index < settings.http.workers; index++) fork(index);
  serveClusterMetrics();
  log.info({ workers: settings.http.workers, pid: process.pid }, 'API workers started');

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down the API workers');
    const deadline = setTimeout(() => {
      log.error('API workers did not stop in time: killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, settings.http.shutdownGraceMs + 10_000);
    deadline.unref();
    const finishWhenAllGone = (): void => {
      if (Object.keys(cluster.workers ?? {}).length > 0) return;
      cluster.off('exit', finishWhenAllGone);
      clearTimeout(deadline);
      void (embedded?.stop() ?? Promise.resolve()).then(() => {
        log.info('shut down cleanly');
        log.flush();
      });
    };
    cluster.on('exit', finishWhenAllGone);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    finishWhenAllGone();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
