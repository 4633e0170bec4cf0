import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A real cluster (a primary and one worker, each worker accepting its own
// connections): the worker asks for 3 more descriptors of its listening
// socket, reports how many refer to that socket, serves a burst of new
// connections (saying which descriptor accepted each), then closes.
const CLUSTER_SCRIPT = `
  const cluster = require('node:cluster');
  const http = require('node:http');
  const { readdirSync, readlinkSync } = require('node:fs');
  const { acceptFromMoreDescriptors, serveAcceptDescriptors } = require(${JSON.stringify(
    join(__dirname, 'accept-descriptors.ts'),
  )});
  if (cluster.isPrimary) {
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    serveAcceptDescriptors();
    // Relays the worker's reports to the test, and the test's 'close' to the worker.
    const worker = cluster.fork();
    worker.on('exit', (code) => process.exit(code));
    worker.on('message', (message) => message && message.report && process.send(message.report));
    process.on('message', (message) => worker.send(message));
  } else {
    const server = http.createServer((req, res) => {
      // net sets both to the server that accepted; http then sets \`server\` to itself, not \`_server\`.
      res.setHeader('x-accepted-by', req.socket._server === server ? 'own' : 'extra');
      res.end('ok');
    });
    server.keepAliveTimeout = 1;
    server.listen(0, '127.0.0.1', async () => {
      const socketLink = readlinkSync('/proc/self/fd/' + server._handle.fd);
      const descriptors = () =>
        readdirSync('/proc/self/fd').filter((fd) => {
          try { return readlinkSync('/proc/self/fd/' + fd) === socketLink; } catch { return false; }
        }).length;
      const granted = await acceptFromMoreDescriptors(server, 3);
      process.send({ report: { port: server.address().port, granted, descriptors: descriptors() } });
      process.on('message', (message) => {
        if (message !== 'close') return;
        server.close(() => {});
        process.send({ report: { afterClose: descriptors() } });
        setTimeout(() => process.exit(0), 50);
      });
    });
  }
`;

interface WorkerReport {
  port?: number;
  granted?: number;
  descriptors?: number;
  afterClose?: number;
}

/** Starts the cluster with an IPC channel to its primary; `next` is the worker's next report. */
function startCluster(): { child: ChildProcess; next: () => Promise<WorkerReport> } {
  // A file, not `-e`: cluster.fork runs the primary's script again.
  const script = join(mkdtempSync(join(tmpdir(), 'accept-descriptors-')), 'cluster.js');
  writeFileSync(script, CLUSTER_SCRIPT);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: join(__dirname, '../../..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reports: WorkerReport[] = [];
  const waiting: ((report: WorkerReport) => void)[] = [];
  child.on('message', (report: WorkerReport) => {
    const resolve = waiting.shift();
    if (resolve) resolve(report);
    else reports.push(report);
  });
  const next = (): Promise<WorkerReport> => {
    const queued = reports.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
  };
  return { child, next };
}

/** One GET on a new connection: which of the worker's descriptors accepted it. */
function acceptedBy(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-accepted-by'])));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('acceptFromMoreDescriptors (a real cluster worker)', () => {
  let cluster: ReturnType<typeof startCluster>;

  beforeAll(() => {
    cluster = startCluster();
  });

  afterAll(() => {
    cluster.child.kill('SIGKILL');
  });

  it('serves a burst of new connections from more descriptors of the one socket, and closes them all', async () => {
    const ready = await cluster.next();
    expect(ready.granted).toBe(3);
    // The worker's own descriptor and the three granted refer to the same listening socket.
    expect(ready.descriptors).toBe(4);

    const burst = await Promise.all(Array.from({ length: 200 }, () => acceptedBy(ready.port!)));
    expect(burst).toHaveLength(200);
    expect(burst.filter((by) => by === 'extra').length).toBeGreaterThan(0);
    expect(burst.filter((by) => by === 'own').length).toBeGreaterThan(0);

    cluster.child.send('close');
    const closed = await cluster.next();
    // Closing the server closed every descriptor of the socket in the worker.
    expect(closed.afterClose).toBe(0);
  }, 20_000);
});
