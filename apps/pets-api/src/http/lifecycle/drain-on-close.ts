import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Makes shutdown finish as soon as the requests in flight are answered.
 * Fastify closes the connections that are idle when close() starts and
 * answers requests that arrive afterwards with 503 and `Connection: close`,
 * but a keep-alive connection whose request is still being served would stay
 * open until the client gives it up (clients honour our 72 s keep-alive
 * hint), and the client could send its next request there. So, once closing:
 * the answer in flight on every connection says `Connection: close` (Node then
 * closes the connection after it), and connections that turn idle are closed
 * as they do.
 *
 * Connections are tracked as they open and close, not requests: nothing runs
 * per request (a hook on every answer cost about 1 us a request).
 */
export function registerDrainOnClose(fastify: FastifyInstance): void {
  const connections = new Set<Socket>();
  let sweeper: NodeJS.Timeout | undefined;

  fastify.server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  fastify.addHook('preClose', (done) => {
    for (const socket of connections) {
      // The response the connection is answering now (Node's own field; its
      // closeIdleConnections reads it too).
      const answer = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
      if (answer && !answer.headersSent) answer.shouldKeepAlive = false;
    }
    sweeper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    sweeper.unref();
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
}
