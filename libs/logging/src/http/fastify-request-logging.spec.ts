import fastify from 'fastify';
import { LoggerRegistry } from '../logger.registry';
import { createRootLogger } from '../root-logger.factory';
import { CapturedLines } from '../test-destination';
import { fastifyLoggingOptions } from './fastify-request-logging';

// A real Fastify server with the options the API gives it: Fastify's own
// lines and request.log's go to the process logger, each request's with its id.
describe('fastifyLoggingOptions on a Fastify server', () => {
  const out = new CapturedLines();
  const registry = new LoggerRegistry(createRootLogger({ service: 'unit', level: 'info', destination: out }));
  const server = fastify(fastifyLoggingOptions(registry));
  server.get('/logs', (request) => {
    request.log.info({ step: 'inside' }, 'handler ran');
    return { id: request.id };
  });
  server.get('/quiet', () => ({ ok: true }));
  server.get('/twice', (_request, reply) => {
    void reply.send({ first: true });
    void reply.send({ second: true });
    return reply;
  });

  afterAll(() => server.close());

  it("writes a request's lines with its id and module http", async () => {
    const response = await server.inject({ url: '/logs', headers: { 'x-request-id': 'caller-1' } });
    expect(response.json()).toEqual({ id: 'caller-1' });
    expect(out.lines).toContainEqual(
      expect.objectContaining({ module: 'http', reqId: 'caller-1', step: 'inside', msg: 'handler ran' }),
    );
  });

  it('gives a request without a usable id a new one, in its lines too', async () => {
    const response = await server.inject({ url: '/logs', headers: { 'x-request-id': 'has space' } });
    const { id } = response.json<{ id: string }>();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}-\d+$/);
    expect(out.lines).toContainEqual(expect.objectContaining({ reqId: id, msg: 'handler ran' }));
  });

  it("writes Fastify's own warnings about a request with its id and the error serialized", async () => {
    const response = await server.inject({ url: '/twice', headers: { 'x-request-id': 'twice-1' } });
    expect(response.json()).toEqual({ first: true });
    expect(out.lines).toContainEqual(
      expect.objectContaining({
        module: 'http',
        reqId: 'twice-1',
        level: 'warn',
        err: expect.objectContaining({ code: 'FST_ERR_REP_ALREADY_SENT', type: 'FastifyError' }),
      }),
    );
  });

  it('writes nothing for a request that logs nothing (request logging is the access step)', async () => {
    const before = out.lines.length;
    await server.inject({ url: '/quiet' });
    expect(out.lines.length).toBe(before);
  });
});
