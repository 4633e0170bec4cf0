import { createServer } from 'node:http';
import { runReferenceServer } from './reference-server';

// The benchmark's reference point: the same route with no framework at all.
// node:http answers GET /v1/upstream by doing one GET through the API's own
// upstream client and replying { status, length }.

runReferenceServer('baseline', async ({ port, client }) => {
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
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    listener: server,
    close: () => {
      server.close();
      server.closeIdleConnections();
    },
  };
});
