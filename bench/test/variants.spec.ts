import { join } from 'node:path';
import { parseVariant } from '../upstream/variants';

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
  });

  it('runs the API from another build when the name gives one', () => {
    expect(parseVariant('api-1@/tmp/before')).toMatchObject({ workers: 1, dist: '/tmp/before' });
  });

  it.each(['api', 'api-x', 'nginx-2', 'baseline-2@/tmp/before', 'fastify-1@/tmp/before'])(
    'refuses %p',
    (name) => {
      expect(() => parseVariant(name)).toThrow(/unknown variant/);
    },
  );
});
