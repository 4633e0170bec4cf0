import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The server of both cases: it asks for 3 more descriptors of its listening
// socket, reports how many refer to that socket and how many child processes
// it still has (the lone process's helper must be gone), serves a burst of
// new connections (saying which descriptor accepted each), then closes.
const SERVER_SCRIPT = `
  const http = require('node:http');
  const { readdirSync, readFileSync, readlinkSync } = require('node:fs');
  const { acceptFromMoreDescriptors } = require(${JSON.stringify(join(__dirname, 'accept-descriptors.ts'))});
  const children = () =>
    readdirSync('/proc').filter((pid) => {
      try {
        const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch { return false; }
    }).length;
  const serve = (report) => {
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
      // A generous bound: from sources, the lone process's helper loads the TypeScript loader first.
      const granted = await acceptFromMoreDescriptors(server, 3, 15_000);
      let left = children();
      for (let i = 0; left > 0 && i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        left = children();
      }
      report({ port: server.address().port, granted, descriptors: descriptors(), children: left });
      process.on('message', (message) => {
        if (message !== 'close') return;
        server.close(() => {});
        report({ afterClose: descriptors() });
        setTimeout(() => process.exit(0), 50);
      });
    });
  };
`;

// A real cluster: a primary (each worker accepting its own connections) and one worker.
const CLUSTER_SCRIPT = `${SERVER_SCRIPT}
  const cluster = require('node:cluster');
  const { serveAcceptDescriptors } = require(${JSON.stringify(join(__dirname, 'accept-descriptors.ts'))});
  if (cluster.isPrimary) {
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    serveAcceptDescriptors();
    // Relays the worker's reports to the test, and the test's 'close' to the worker.
    const worker = cluster.fork();
    worker.on('exit', (code) => process.exit(code));
    worker.on('message', (message) => message && message.report && process.send(message.report));
    process.on('message', (message) => worker.send(message));
  } else {
    serve((report) => process.send({ report }));
  }
`;

// A process of its own (API_WORKERS=1, a pod): its copies come from a helper it starts.
const LONE_SCRIPT = `${SERVER_SCRIPT}
  serve((report) => process.send(report));
`;

interface WorkerReport {
  port?: number;
  granted?: number;
  descriptors?: number;
  children?: number;
  afterClose?: number;
}

/** Starts `source` with an IPC channel to it; `next` is the server's next report. */
function startServer(source: string): { child: ChildProcess; next: () => Promise<WorkerReport> } {
  // A file, not `-e`: cluster.fork runs the primary's script again.
  const script = join(mkdtempSync(join(tmpdir(), 'accept-descriptors-')), 'server.js');
  writeFileSync(script, source);
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

describe.each([
  ['a cluster worker, from its primary', CLUSTER_SCRIPT],
  ['a process of its own, from a helper', LONE_SCRIPT],
])('acceptFromMoreDescriptors in %s', (_name, source) => {
  let server: ReturnType<typeof startServer>;

  beforeAll(() => {
    server = startServer(source);
  });

  afterAll(() => {
    server.child.kill('SIGKILL');
  });

  it('serves a burst of new connections from more descriptors of the one socket, and closes them all', async () => {
    const ready = await server.next();
    expect(ready.granted).toBe(3);
    // The server's own descriptor and the three granted refer to the same listening socket.
    expect(ready.descriptors).toBe(4);
    // Nothing is left running to hand them out (a cluster worker never had a child).
    expect(ready.children).toBe(0);

    const burst = await Promise.all(Array.from({ length: 200 }, () => acceptedBy(ready.port!)));
    expect(burst).toHaveLength(200);
    expect(burst.filter((by) => by === 'extra').length).toBeGreaterThan(0);
    expect(burst.filter((by) => by === 'own').length).toBeGreaterThan(0);

    server.child.send('close');
    const closed = await server.next();
    // Closing the server closed every descriptor of the socket in the process.
    expect(closed.afterClose).toBe(0);
  }, 20_000);
});
