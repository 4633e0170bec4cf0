import { hostname } from 'node:os';
import { LoggerRegistry } from './logger.registry';
import { runInRequestContext } from './request-context';
import { createRootLogger } from './root-logger.factory';
import { CapturedLines } from './test-destination';

function setUp(levels: Record<string, 'debug' | 'warn' | 'info'> = {}) {
  const out = new CapturedLines();
  const root = createRootLogger({ service: 'unit', level: 'info', destination: out });
  return { out, registry: new LoggerRegistry(root, levels) };
}

describe('root logger', () => {
  it('writes JSON lines with the standard fields', () => {
    const { out, registry } = setUp();
    registry.forModule('pets').info({ petId: 'p1' }, 'pet created');
    expect(out.lines).toHaveLength(1);
    const [line] = out.lines;
    expect(line).toMatchObject({
      level: 'info',
      service: 'unit',
      pid: process.pid,
      hostname: hostname(),
      module: 'pets',
      msg: 'pet created',
      petId: 'p1',
    });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(line).not.toHaveProperty('reqId');
  });

  it('adds reqId to every line written inside a request, from any module', async () => {
    const { out, registry } = setUp();
    await runInRequestContext({ reqId: 'req-42' }, async () => {
      registry.forModule('pets').info('in handler');
      await new Promise((resolve) => setTimeout(resolve, 1));
      registry.forModule('pg').info('after an await');
    });
    registry.forModule('pets').info('outside');
    expect(out.lines.map((l) => l.reqId)).toEqual(['req-42', 'req-42', undefined]);
  });

  it('applies per-module levels on top of the process level', () => {
    const { out, registry } = setUp({ datastore: 'debug', Access: 'warn' });
    registry.forModule('datastore').debug('query plan');
    registry.forModule('pets').debug('hidden');
    registry.forModule('access').info('hidden too');
    registry.forModule('access').warn('shown');
    expect(out.lines.map((l) => l.msg)).toEqual(['query plan', 'shown']);
    expect(registry.levelOf('datastore')).toBe('debug');
    expect(registry.levelOf('other')).toBe('info');
  });

  it('redacts authorization headers, passwords and credentials inside URLs', () => {
    const { out, registry } = setUp();
    const log = registry.forModule('http');
    log.info({ req: { headers: { authorization: 'Bearer s3cret' } } }, 'incoming');
    log.info({ password: 'hunter2', url: 'postgres://app:hunter2@db:5432/pets' }, 'connecting');
    log.info('retrying mongodb://root:p%40ss@mongo:27017/?replicaSet=rs0 soon');
    const text = JSON.stringify(out.lines);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('p%40ss');
    expect(out.lines[1].url).toBe('postgres://app:[REDACTED]@db:5432/pets');
    expect(out.lines[2].msg).toBe('retrying mongodb://root:[REDACTED]@mongo:27017/?replicaSet=rs0 soon');
  });

  it('leaves e-mail addresses and URLs without credentials alone', () => {
    const { out, registry } = setUp();
    registry.forModule('x').info('owner ann@example.com at https://example.com/a@b');
    expect(out.lines[0].msg).toBe('owner ann@example.com at https://example.com/a@b');
  });
});
