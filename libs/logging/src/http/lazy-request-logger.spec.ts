import pino from 'pino';
import { CapturedLines } from '../test-destination';
import { lazyChildrenOf } from './lazy-request-logger';

function setUp(level = 'info') {
  const lines = new CapturedLines();
  const logger = pino({ level, base: { service: 'test' } }, lines);
  const childOf = jest.spyOn(logger, 'child');
  return { lines, logger, childOf, lazy: lazyChildrenOf(logger) };
}

describe('lazyChildrenOf', () => {
  it('writes through the logger itself, at its level', () => {
    const { lines, lazy, childOf } = setUp('info');
    lazy.info({ a: 1 }, 'hello');
    lazy.debug('not written');
    expect(lines.lines).toEqual([expect.objectContaining({ service: 'test', a: 1, msg: 'hello' })]);
    expect(lazy.level).toBe('info');
    expect(childOf).not.toHaveBeenCalled();
  });

  it('makes no pino child for a request that logs nothing', () => {
    const { lazy, childOf, lines } = setUp('warn');
    // What Fastify does: a server logger once, then one child per request.
    const server = lazy.child({}, {});
    for (let i = 0; i < 100; i++) server.child({ reqId: `r${i}` }, {}).info('below the level');
    expect(childOf).not.toHaveBeenCalled();
    expect(lines.lines).toEqual([]);
  });

  it("makes the real child once, when a request writes, with every ancestor's bindings", () => {
    const { lazy, childOf, lines } = setUp('info');
    const server = lazy.child({ scope: 'server' }, {});
    const request = server.child({ reqId: 'r1' }, {});
    request.warn({ x: 1 }, 'first');
    request.info('second');
    expect(lines.lines).toEqual([
      expect.objectContaining({ scope: 'server', reqId: 'r1', x: 1, msg: 'first', level: 40 }),
      expect.objectContaining({ scope: 'server', reqId: 'r1', msg: 'second', level: 30 }),
    ]);
    // One child for the server logger and one for the request (pino's children
    // inherit the spied method), not one per line.
    expect(childOf).toHaveBeenCalledTimes(2);
    server.child({ reqId: 'r2' }, {}).error(new Error('boom'));
    expect(lines.lines[2]).toMatchObject({ reqId: 'r2', err: { message: 'boom', type: 'Error' } });
  });

  it("honours a child's own level", () => {
    const { lazy, lines } = setUp('info');
    const quiet = lazy.child({ reqId: 'q' }, { level: 'error' });
    const chatty = lazy.child({ reqId: 'c' }, { level: 'debug' });
    quiet.info('dropped');
    chatty.debug('kept');
    expect(quiet.level).toBe('error');
    expect(lines.lines).toEqual([expect.objectContaining({ reqId: 'c', msg: 'kept' })]);
  });

  it("keeps the logger's serializers visible to Fastify", () => {
    const { lazy, logger } = setUp();
    const key = pino.symbols.serializersSym;
    expect((lazy as unknown as Record<symbol, unknown>)[key]).toBe(
      (logger as unknown as Record<symbol, unknown>)[key],
    );
  });
});
