import type { FastifyInstance } from 'fastify';
import type { HttpStep } from '../pipeline/http-step';

/**
 * Makes shutdown finish as soon as the requests in flight are answered.
 * Fastify closes the connections that are idle when close() starts, but a
 * keep-alive connection whose request finishes later would stay open until
 * the client gives it up (clients honour our 72 s keep-alive hint). So, once
 * closing: every response says `Connection: close`, and connections that turn
 * idle are closed as they do. Registers the close hooks; answers the step
 * that marks the responses.
 */
export function drainOnCloseStep(fastify: FastifyInstance): HttpStep {
  let closing = false;
  let sweeper: NodeJS.Timeout | undefined;

  fastify.addHook('preClose', (done) => {
    closing = true;
    sweeper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    sweeper.unref();
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
  return {
    onSend(_request, reply, payload) {
      if (closing) void reply.header('connection', 'close');
      return payload;
    },
  };
}
