import Fastify from 'fastify';
import { registerHttpPipeline } from './http-pipeline';

// The pipeline on a real Fastify server (inject: no socket needed).
describe('registerHttpPipeline', () => {
  it('runs the steps of each phase in order', async () => {
    const fastify = Fastify();
    const seen: string[] = [];
    registerHttpPipeline(fastify, [
      {
        onRequest: () => void seen.push('a:request'),
        onResponse: () => void seen.push('a:response'),
      },
      {
        onRequest: (_request, reply) => void reply.header('x-step', 'b'),
        onResponse: () => void seen.push('b:response'),
      },
    ]);
    fastify.get('/', () => 'body');
    const answer = await fastify.inject({ method: 'GET', url: '/' });
    expect(answer.body).toBe('body');
    expect(answer.headers['x-step']).toBe('b');
    expect(seen).toEqual(['a:request', 'a:response', 'b:response']);
    await fastify.close();
  });

  it('ends the request with the error a step throws, and skips the steps after it', async () => {
    const fastify = Fastify();
    const seen: string[] = [];
    registerHttpPipeline(fastify, [
      {
        onRequest: () => {
          throw Object.assign(new Error('not acceptable'), { statusCode: 406 });
        },
      },
      { onRequest: () => void seen.push('second') },
    ]);
    fastify.get('/', () => {
      seen.push('handler');
      return 'body';
    });
    const answer = await fastify.inject({ method: 'GET', url: '/' });
    expect(answer.statusCode).toBe(406);
    expect(seen).toEqual([]);
    await fastify.close();
  });

  it('adds no hook for a phase no step uses', async () => {
    const fastify = Fastify();
    const phases: string[] = [];
    const addHook = fastify.addHook.bind(fastify);
    (fastify as unknown as { addHook: (name: string, fn: unknown) => unknown }).addHook = (name, fn) => {
      phases.push(name);
      return addHook(name as 'onRequest', fn as never);
    };
    registerHttpPipeline(fastify, [{ onRequest: () => undefined }, { onRequest: () => undefined }]);
    expect(phases).toEqual(['onRequest']);
    await fastify.close();
  });
});
