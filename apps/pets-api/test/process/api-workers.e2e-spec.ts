import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_V8_FLAGS } from '@pets/runtime';
import {
  childrenOf,
  isolatedPostgres,
  type IsolatedPostgres,
  SpawnedService,
  tcpConnectionsOf,
  testPostgresUrl,
} from '@pets/testing';

const PAGE = 'x'.repeat(615);

/** One request on a fresh connection (no keep-alive), so that any worker may accept it. */
function getOnce(url: string, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { agent: false, headers: { connection: 'close' }, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

// The articles' Tornado bug came from a loop created before fork and shared
// by the children. Here nothing is created before the fork: each worker opens
// its own datastore and upstream connections, and the primary opens none.
describe('API_WORKERS=2 (built API, real processes)', () => {
  let upstream: Server;
  let database: IsolatedPostgres | undefined;
  let api: SpawnedService;
  let base: string;

  beforeAll(async () => {
    upstream = createServer((_req, res) => res.end(PAGE));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    database = testPostgresUrl ? await isolatedPostgres(testPostgresUrl, 'workers') : undefined;
    api = SpawnedService.start('dist/apps/pets-api/src/main.js', {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        API_WORKERS: '2',
        UPSTREAM_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`,
        ...(database ? { DATASTORE_URL: database.url } : { EMBEDDED_DATA_DIR: 'memory://' }),
      },
    });
    base = String((await api.waitForLog((l) => l.msg === 'pets-api listening', 60_000)).url);
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const apiWorkers = () =>
    childrenOf(api.process.pid!).filter((child) => child.command.includes('pets-api/src/main.js'));

  /** Runs `work` with every other worker stopped (SIGSTOP), so that `only` accepts every new connection. */
  async function withOnly<T>(only: number, work: () => Promise<T>): Promise<T> {
    const others = apiWorkers().filter((worker) => worker.pid !== only);
    for (const worker of others) process.kill(worker.pid, 'SIGSTOP');
    try {
      return await work();
    } finally {
      for (const worker of others) process.kill(worker.pid, 'SIGCONT');
    }
  }

  it('gives every worker its own datastore and upstream connections, and the primary none', async () => {
    const workers = apiWorkers();
    expect(workers).toHaveLength(2);
    // Each worker accepts its own connections: with the other one stopped, a
    // worker serves every request, of both kinds.
    for (const worker of workers)
      await withOnly(worker.pid, async () => {
        for (let i = 0; i < 10; i++) {
          expect(await getOnce(`${base}/v1/upstream`)).toBe(200);
          expect(await getOnce(`${base}/v1/upstream`)).toBe(200);
          expect(await getOnce(`${base}/v1/pets?limit=1`)).toBe(200);
        }
      });
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const datastorePort = Number(
      new URL(database?.url ?? String(api.logs.find((l) => l.msg === 'embedded datastore started')?.url))
        .port || 5432,
    );

    const socketsOf = (pid: number, port: number) =>
      tcpConnectionsOf(pid).filter((c) => c.remotePort === port);
    const owned = workers.map((worker) => ({
      datastore: socketsOf(worker.pid, datastorePort).map((c) => c.inode),
      upstream: socketsOf(worker.pid, upstreamPort).map((c) => c.inode),
    }));
    for (const sockets of owned) {
      expect(sockets.datastore.length).toBeGreaterThan(0);
      expect(sockets.upstream.length).toBeGreaterThan(0);
    }
    const [first, second] = owned.map((o) => new Set([...o.datastore, ...o.upstream]));
    expect([...first].filter((inode) => second.has(inode))).toEqual([]);
    expect(socketsOf(api.process.pid!, datastorePort)).toEqual([]);
    expect(socketsOf(api.process.pid!, upstreamPort)).toEqual([]);
  });

  it("starts every worker with the API's V8 flags, though the primary was started without them", () => {
    expect(api.process.spawnargs).not.toEqual(expect.arrayContaining([...API_V8_FLAGS]));
    const workers = apiWorkers();
    expect(workers).toHaveLength(2);
    for (const worker of workers)
      expect(worker.command.split(' ')).toEqual(expect.arrayContaining([...API_V8_FLAGS]));
  });

  it('answers /metrics for every worker together', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const served = [
      ...text.matchAll(/^http_requests_total\{[^}]*route="\/v1\/upstream"[^}]*\} (\d+)/gm),
    ].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(served).toBeGreaterThanOrEqual(40);
  });

  it('answers new connections while one worker is stopped', async () => {
    // Under Node's round-robin the primary would hand every other connection to
    // the stopped worker, and those requests would wait until it ran again.
    const [stopped] = apiWorkers();
    process.kill(stopped.pid, 'SIGSTOP');
    try {
      const statuses = await Promise.all(Array.from({ length: 20 }, () => getOnce(`${base}/healthz`, 5_000)));
      expect(statuses).toEqual(Array(20).fill(200));
    } finally {
      process.kill(stopped.pid, 'SIGCONT');
    }
  });

  it('restarts a worker that dies, and stops all of them on SIGTERM', async () => {
    const [victim] = apiWorkers();
    process.kill(victim.pid, 'SIGKILL');
    await api.waitForLog((l) => l.msg === 'API worker died; restarting it' && l.workerPid === victim.pid);
    const before = new Set(api.logs.filter((l) => l.msg === 'API worker listening').map((l) => l.pid));
    await api.waitForLog((l) => l.msg === 'API worker listening' && !before.has(l.pid), 30_000);
    expect(await getOnce(`${base}/healthz`)).toBe(200);
    const { code } = await api.stop('SIGTERM');
    expect(code).toBe(0);
    // Both workers and the primary.
    expect(api.logs.filter((l) => l.msg === 'shut down cleanly').length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
