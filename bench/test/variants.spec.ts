import { join } from 'node:path';
import { parseVariant } from '../upstream/variants';

describe('bench variants', () => {
  it('reads the kind and the process count from the name', () => {
    expect(parseVariant('api-4')).toEqual({
      name: 'api-4',
      workers: 4,
      baseline: false,
      dist: join(__dirname, '../../dist'),
    });
    expect(parseVariant('baseline-2')).toMatchObject({ workers: 2, baseline: true });
  });

  it('runs the API from another build when the name gives one', () => {
    expect(parseVariant('api-1@/tmp/before')).toMatchObject({ workers: 1, dist: '/tmp/before' });
  });

  it.each(['api', 'api-x', 'nginx-2', 'baseline-2@/tmp/before'])('refuses %p', (name) => {
    expect(() => parseVariant(name)).toThrow(/unknown variant/);
  });
});
