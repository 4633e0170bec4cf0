import { LoggerRegistry } from '../logger.registry';
import { createRootLogger } from '../root-logger.factory';
import { CapturedLines } from '../test-destination';
import { NestLoggerAdapter } from './nest-logger.adapter';

describe('NestLoggerAdapter', () => {
  const setUp = (levels: Record<string, 'warn'> = {}) => {
    const out = new CapturedLines();
    const registry = new LoggerRegistry(
      createRootLogger({ service: 'unit', level: 'trace', destination: out }),
      levels,
    );
    return { out, nest: new NestLoggerAdapter(registry) };
  };

  it('maps Nest levels and uses the context as the module', () => {
    const { out, nest } = setUp();
    nest.log('Mapped {/healthz, GET} route', 'RouterExplorer');
    nest.warn('careful', 'Scanner');
    nest.debug('details', 'Scanner');
    nest.verbose('more details', 'Scanner');
    nest.fatal('gone', 'Main');
    expect(out.lines.map((l) => [l.level, l.module, l.msg])).toEqual([
      ['info', 'RouterExplorer', 'Mapped {/healthz, GET} route'],
      ['warn', 'Scanner', 'careful'],
      ['debug', 'Scanner', 'details'],
      ['trace', 'Scanner', 'more details'],
      ['fatal', 'Main', 'gone'],
    ]);
  });

  it('keeps the stack trace Nest passes with errors', () => {
    const { out, nest } = setUp();
    nest.error('boom', 'Error: boom\n    at here', 'ExceptionHandler');
    nest.error(new Error('thrown'), 'ExceptionHandler');
    expect(out.lines[0]).toMatchObject({
      level: 'error',
      module: 'ExceptionHandler',
      msg: 'boom',
      err: { stack: 'Error: boom\n    at here' },
    });
    expect(out.lines[1]).toMatchObject({ level: 'error', module: 'ExceptionHandler', msg: 'thrown' });
    expect((out.lines[1].err as { stack: string }).stack).toContain('Error: thrown');
  });

  it('honours per-module levels for Nest contexts', () => {
    const { out, nest } = setUp({ routerexplorer: 'warn' });
    nest.log('Mapped route', 'RouterExplorer');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(out.lines.map((l) => l.module)).toEqual(['NestApplication']);
  });

  it('logs without a context under "nest"', () => {
    const { out, nest } = setUp();
    nest.log('plain');
    expect(out.lines[0]).toMatchObject({ module: 'nest', msg: 'plain' });
  });
});
