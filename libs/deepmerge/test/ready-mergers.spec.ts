import { alwaysMerger, conservativeMerger, InvalidMerge, mergeOrRaise } from '@pets/deepmerge';

describe('alwaysMerger', () => {
  it('fills in missing keys (original test_fill_missing_value)', () => {
    const base = { foo: 0, baz: 2 };
    alwaysMerger.merge(base, { bar: 1 });
    expect(base).toEqual({ foo: 0, bar: 1, baz: 2 });
  });

  it('merges the guide example in place', () => {
    const base = { foo: 'value', baz: ['a'] };
    alwaysMerger.merge(base, { bar: 'value2', baz: ['b'] });
    expect(base).toEqual({ foo: 'value', bar: 'value2', baz: ['a', 'b'] });
  });

  it('appends arrays, unites Sets, merges Maps and records', () => {
    const result = alwaysMerger.merge(
      { list: [1], set: new Set([1]), map: new Map([['k', { a: 1 }]]), record: { a: 1 } },
      { list: [2], set: new Set([2]), map: new Map([['k', { b: 2 }]]), record: { b: 2 } },
    );
    expect(result).toEqual({
      list: [1, 2],
      set: new Set([1, 2]),
      map: new Map([['k', { a: 1, b: 2 }]]),
      record: { a: 1, b: 2 },
    });
  });

  it('lets next win on type conflicts and for values it cannot merge', () => {
    expect(alwaysMerger.merge({ a: 1, b: [1], c: 'x' }, { a: 'one', b: { x: 1 }, c: 'y' })).toEqual({
      a: 'one',
      b: { x: 1 },
      c: 'y',
    });
    expect(alwaysMerger.merge({ a: 1 }, { a: undefined })).toEqual({ a: undefined });
    expect(alwaysMerger.merge({ a: 1 }, null)).toBeNull();
  });
});

describe('mergeOrRaise', () => {
  it('merges containers', () => {
    expect(
      mergeOrRaise.merge({ a: [1], b: { c: new Set([1]) } }, { a: [2], b: { c: new Set([2]), d: 1 } }),
    ).toEqual({
      a: [1, 2],
      b: { c: new Set([1, 2]), d: 1 },
    });
  });

  it('raises on a type conflict', () => {
    expect(() => mergeOrRaise.merge({ foo: 0 }, { foo: 'a string!' })).toThrow(InvalidMerge);
  });

  it('raises for two values it has no strategy for', () => {
    expect(() => mergeOrRaise.merge({ foo: 'a' }, { foo: 'b' })).toThrow(/No more fallback strategies/);
  });
});

describe('conservativeMerger', () => {
  it.each<[unknown, unknown, unknown]>([
    ['dooby', 'fooby', 'dooby'],
    [-10, 'goo', -10],
  ])('keeps the existing value (%p, %p)', (base, next, expected) => {
    expect(conservativeMerger.merge(base, next)).toBe(expected);
  });

  it('still merges containers and fills in missing keys', () => {
    expect(
      conservativeMerger.merge(
        { a: 1, list: [1], nested: { x: 'old' } },
        { a: 2, b: 2, list: [2], nested: { x: 1 } },
      ),
    ).toEqual({ a: 1, b: 2, list: [1, 2], nested: { x: 'old' } });
  });
});
