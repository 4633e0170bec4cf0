import type { FastifyInstance } from 'fastify';

/**
 * Makes shutdown finish as soon as the requests in flight are answered.
 * Fastify closes the connections that are idle when close() starts, but a
 * keep-alive connection whose request finishes later would stay open until
 * the client gives it up (clients honour our 72 s keep-alive hint). So, once
 * closing: every response says `Connection: close`, and connections that turn
 * idle are closed as they do.
 */
export function registerDrainOnClose(fastify: FastifyInstance): void {
  let closing = false;
  let sweeper: NodeJS.Timeout | undefined;

  fastify.addHook('preClose', (done) => {
    closing = true;
    sweeper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    sweeper.unref();
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
}
