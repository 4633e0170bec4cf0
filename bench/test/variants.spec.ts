import { join } from 'node:path';
import { parseVariant, unavailableBecause } from '../upstream/variants';

describe('bench variants', () => {
  it('reads the kind and the process count from the name', () => {
    expect(parseVariant('api-4')).toEqual({
      name: 'api-4',
      kind: 'api',
      workers: 4,
      dist: join(__dirname, '../../dist'),
    });
    expect(parseVariant('baseline-2')).toMatchObject({ kind: 'baseline', workers: 2 });
    expect(parseVariant('fastify-1')).toMatchObject({ kind: 'fastify', workers: 1 });
    expect(parseVariant('nest-2')).toMatchObject({ kind: 'nest', workers: 2 });
    expect(parseVariant('aiohttp-2')).toMatchObject({ kind: 'aiohttp', workers: 2 });
  });

  it('says why the aiohttp variant cannot run without a Python that has aiohttp and gunicorn', () => {
    const saved = process.env.BENCH_PYTHON;
    // Node is no Python: the import check fails, as for a Python without the packages.
    process.env.BENCH_PYTHON = process.execPath;
    try {
      expect(unavailableBecause(parseVariant('aiohttp-2'))).toMatch(
        /python3 with aiohttp and gunicorn \(Debian: apt-get install python3-aiohttp gunicorn/,
      );
      expect(unavailableBecause(parseVariant('baseline-2'))).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.BENCH_PYTHON;
      else process.env.BENCH_PYTHON = saved;
    }
  });

  it('runs the API from another build when the name gives one', () => {
    expect(parseVariant('api-1@/tmp/before')).toMatchObject({ workers: 1, dist: '/tmp/before' });
  });

  it.each(['api', 'api-x', 'nginx-2', 'baseline-2@/tmp/before', 'fastify-1@/tmp/before', 'aiohttp-2@/tmp/x'])(
    'refuses %p',
    (name) => {
      expect(() => parseVariant(name)).toThrow(/unknown variant/);
    },
  );
});
