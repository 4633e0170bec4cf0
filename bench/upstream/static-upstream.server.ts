import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

// The upstream when nginx is not installed: nginx's 615-byte welcome page,
// served the way nginx serves it (keep-alive, Content-Length, text/html).

const page = readFileSync(join(__dirname, '../../docker/nginx/index.html'));
const port = Number(process.env.PORT ?? 8080);
const workers = Number(process.env.UPSTREAM_WORKERS ?? 1);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length }).end(page);
  });
  server.keepAliveTimeout = 75_000;
  server.listen(port, '127.0.0.1', () => process.send?.('listening') ?? process.stdout.write('listening\n'));
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
}
