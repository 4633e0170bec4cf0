import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { type HookSlots, registerHttpPipeline } from './http-pipeline';

// The pipeline in Nest's real Fastify adapter, the way the API wires it (inject: no socket needed).
describe('registerHttpPipeline', () => {
  let adapter: FastifyAdapter;
  let fastify: FastifyInstance;

  beforeEach(() => {
    adapter = new FastifyAdapter({ skipMiddie: true });
    fastify = adapter.getInstance();
  });
  afterEach(() => fastify.close());

  it('runs the steps of each phase in order', async () => {
    const seen: string[] = [];
    registerHttpPipeline(adapter, [
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
  });

  it('ends the request with the error a step throws, and skips the steps after it', async () => {
    const seen: string[] = [];
    registerHttpPipeline(adapter, [
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
  });

  it('registers no Fastify hook of its own, and fills no slot no step uses', () => {
    const filled: string[] = [];
    const addHook = jest.spyOn(fastify, 'addHook');
    const slots: HookSlots = {
      setOnRequestHook: (hook) => {
        filled.push('request');
        adapter.setOnRequestHook(hook);
      },
      setOnResponseHook: (hook) => {
        filled.push('response');
        adapter.setOnResponseHook(hook);
      },
    };
    registerHttpPipeline(slots, [{ onRequest: () => undefined }, { onRequest: () => undefined }]);
    expect(filled).toEqual(['request']);
    expect(addHook).not.toHaveBeenCalled();
  });
});
