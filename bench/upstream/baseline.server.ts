import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { UpstreamClient } from '../../apps/pets-api/src/upstream/datasource/upstream.client';
import { keepWebAssemblyOnBaselineCompiler } from '../../libs/runtime/src/wasm-tiering';

// The benchmark's reference point: the same route with no framework at all.
// node:http answers GET /v1/upstream by doing one GET through the API's own
// upstream client (the same undici pool, settings and request) and replying
// { status, length }. Like the API, the primary forks BASELINE_WORKERS
// processes before creating anything.

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
  // The API's runtime settings too, so that only the framework differs.
  keepWebAssemblyOnBaselineCompiler();
  const client = new UpstreamClient({
    url: upstream.href,
    timeoutMs: 2_000,
    connections: Number(process.env.UPSTREAM_CONNECTIONS ?? 256),
  });
  const server = createServer((request, response) => {
    if (request.url !== '/v1/upstream') {
      response.writeHead(404).end();
      return;
    }
    client.get().then(
      ({ status, length }) => {
        const json = JSON.stringify({ status, length });
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
    void client.close();
    if (process.connected) process.disconnect();
  });
}
