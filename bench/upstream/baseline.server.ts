import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { Pool } from 'undici';

// The benchmark's reference point: the same route with no framework at all.
// node:http answers GET /v1/upstream by doing one GET through an undici pool
// (the same settings as the API's) and replying { status, length }. Like the
// API, the primary forks BASELINE_WORKERS processes before creating anything.

const workers = Number(process.env.BASELINE_WORKERS ?? 2);
const port = Number(process.env.PORT ?? 3900);
const upstream = new URL(process.env.UPSTREAM_URL ?? 'http://127.0.0.1:8080/');

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers)
      process.stdout.write(`${JSON.stringify({ msg: 'baseline listening', port })}\n`);
  });
  const stop = (): void => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop).on('SIGINT', stop);
} else {
  const pool = new Pool(upstream.origin, {
    connections: 256,
    pipelining: 1,
    connect: { timeout: 2_000 },
    headersTimeout: 2_000,
    bodyTimeout: 2_000,
    keepAliveTimeout: 30_000,
  });
  const path = `${upstream.pathname}${upstream.search}`;
  const server = createServer((request, response) => {
    if (request.url !== '/v1/upstream') {
      response.writeHead(404).end();
      return;
    }
    pool.request({ path, method: 'GET' }).then(
      async ({ statusCode, body }) => {
        let length = 0;
        for await (const chunk of body) length += (chunk as Buffer).length;
        const json = JSON.stringify({ status: statusCode, length });
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        });
        response.end(json);
      },
      () => response.writeHead(502).end(),
    );
  });
  server.keepAliveTimeout = 72_000;
  server.listen(port, '127.0.0.1', () => {
    if (workers <= 1) process.stdout.write(`${JSON.stringify({ msg: 'baseline listening', port })}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    server.closeIdleConnections();
    void pool.close();
    if (process.connected) process.disconnect();
  });
}
