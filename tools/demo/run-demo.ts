import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { stopChild } from '../../bench/upstream/processes';
import { startUpstream, type Upstream } from '../../bench/upstream/upstream.launcher';
import { mergeInto } from './log-merger';
import { loadSamplePetsIfEmpty } from './sample-pets';

// `npm run demo`: the whole platform on this machine with nothing to install.
// The upstream (nginx when installed, else a Node server with the same page),
// the API's worker processes, the aggregation worker, and, with DATASTORE_URL
// unset, the embedded PostgreSQL that the API starts and the worker joins.
// Every process's JSON logs arrive here as one stream, prefixed by service.

const ROOT = join(__dirname, '../..');
const API_PORT = Number(process.env.PORT ?? 3000);
const UPSTREAM_PORT = Number(process.env.DEMO_UPSTREAM_PORT ?? 8081);
const WORKER_METRICS_PORT = Number(process.env.WORKER_METRICS_PORT ?? 9464);
const TOKEN = (process.env.API_TOKENS ?? 'demo-token').split(',')[0].trim();
const API_URL = `http://127.0.0.1:${API_PORT}`;

interface Service {
  name: string;
  child: ChildProcess;
}

const services: Service[] = [];
let upstream: Upstream | undefined;
let stopping = false;

function startService(name: string, entry: string, env: NodeJS.ProcessEnv): Service {
  const child = spawn(process.execPath, [join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches only us, and we stop the services in order.
    detached: true,
  });
  mergeInto(process.stdout, name, child.stdout, child.stderr);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited unexpectedly (code ${code}, signal ${signal}); stopping the demo`);
    void shutdown(1);
  });
  const service = { name, child };
  services.push(service);
  return service;
}

async function waitForStatus(url: string, service: Service, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited while starting`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping: aggregation worker, then API (and its embedded datastore), then upstream');
  // Reverse start order: the worker lets go of its lock before the datastore goes away.
  for (const { child } of [...services].reverse()) await stopChild(child);
  await upstream?.stop();
  say('stopped');
  process.exit(exitCode);
}

function say(message: string): void {
  process.stdout.write(`${'demo'.padEnd(18)}| ${message}\n`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => (stopping ? process.exit(130) : void shutdown(0)));
  process.on('SIGTERM', () => void shutdown(0));

  upstream = await startUpstream(UPSTREAM_PORT);
  say(`upstream (${upstream.kind}) serving its welcome page on ${upstream.url}`);

  const shared = { API_TOKENS: process.env.API_TOKENS ?? TOKEN, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  const api = startService('pets-api', 'dist/apps/pets-api/src/main.js', {
    ...shared,
    PORT: String(API_PORT),
    API_WORKERS: process.env.API_WORKERS ?? '2',
    UPSTREAM_URL: process.env.UPSTREAM_URL ?? upstream.url,
  });
  await waitForStatus(`${API_URL}/readyz`, api);

  // Started after the API is ready, so with no DATASTORE_URL it joins the embedded datastore the API started.
  const worker = startService('aggregation-worker', 'dist/apps/aggregation-worker/src/main.js', {
    ...shared,
    WORKER_METRICS_PORT: String(WORKER_METRICS_PORT),
  });
  await waitForStatus(`http://127.0.0.1:${WORKER_METRICS_PORT}/metrics`, worker);

  const loaded = await loadSamplePetsIfEmpty(API_URL, TOKEN);
  if (loaded > 0) say(`loaded ${loaded} sample pets (first start)`);

  say(
    [
      'the platform is up:',
      `  API             ${API_URL}  (${process.env.API_WORKERS ?? '2'} worker processes)`,
      `  docs            ${API_URL}/docs`,
      `  pets            ${API_URL}/v1/pets`,
      `  tag counts      ${API_URL}/v1/tags/mammal`,
      `  benchmark route ${API_URL}/v1/upstream`,
      `  worker metrics  http://127.0.0.1:${WORKER_METRICS_PORT}/metrics`,
      `  write token     ${TOKEN}   (curl -H 'authorization: Bearer ${TOKEN}' ...)`,
      `  datastore       ${process.env.DATASTORE_URL ? 'DATASTORE_URL' : `embedded PostgreSQL (PGlite) in ${process.env.EMBEDDED_DATA_DIR ?? '.data/pglite'}`}`,
      'Ctrl-C stops everything.',
    ].join('\n' + ' '.repeat(18) + '| '),
  );
}

main().catch((error: unknown) => {
  say(`the demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
