/**
 * Static result types. The `typeIs` checks are verified by `tsc --noEmit` (Jest only sees `true`);
 * the runtime expectations check that each type describes the value actually produced.
 */
import { alwaysMerger, mergeAll, merged, type DeepMerged } from '@pets/deepmerge';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeIs = <Actual, Expected>(_value: Actual, check: Equals<Actual, Expected>): boolean => check;

type DeepPartial<T> = {
  [Key in keyof T]?: T[Key] extends readonly unknown[] | ReadonlySet<unknown> | ReadonlyMap<unknown, unknown>
    ? T[Key]
    : T[Key] extends object
      ? DeepPartial<T[Key]>
      : T[Key];
};

interface Config {
  server: { host: string; port: number };
  tags: string[];
  features: Set<string>;
  limits: Map<string, number>;
}

describe('result types', () => {
  it('merges record types key by key', () => {
    const result = merged({ a: 1, shared: { x: 1 } }, { b: 'two', shared: { y: true } });
    expect(
      typeIs<typeof result, { a: number; b: string; shared: { x: number; y: boolean } }>(result, true),
    ).toBe(true);
    expect(result).toEqual({ a: 1, b: 'two', shared: { x: 1, y: true } });
  });

  it('concatenates array element types, unites Sets, merges Maps', () => {
    const result = merged(
      { list: [1], set: new Set([1]), map: new Map([['k', 1]]) },
      { list: ['x'], set: new Set(['s']), map: new Map([['k', 'v']]) },
    );
    expect(typeIs<typeof result.list, (number | string)[]>(result.list, true)).toBe(true);
    expect(typeIs<typeof result.set, Set<number | string>>(result.set, true)).toBe(true);
    expect(typeIs<typeof result.map, Map<string, number | string>>(result.map, true)).toBe(true);
    expect(result).toEqual({ list: [1, 'x'], set: new Set([1, 's']), map: new Map([['k', 'v']]) });
  });

  it('lets next win on a type conflict', () => {
    const result = alwaysMerger.merge({ a: 1, b: [1] }, { a: 'one', b: { x: 1 } });
    expect(typeIs<typeof result, { a: string; b: { x: number } }>(result, true)).toBe(true);
    expect(result).toEqual({ a: 'one', b: { x: 1 } });
  });

  it('keeps base types for optional keys of next, so partial overrides give back the full type', () => {
    const defaults: Config = {
      server: { host: 'localhost', port: 80 },
      tags: [],
      features: new Set(),
      limits: new Map(),
    };
    const overrides: DeepPartial<Config> = { server: { port: 8080 } };
    const config: Config = merged(defaults, overrides);
    expect(config.server).toEqual({ host: 'localhost', port: 8080 });
    const optional: DeepMerged<{ port: number }, { port?: number }> = { port: 1 };
    expect(typeIs<typeof optional, { port: number }>(optional, true)).toBe(true);
  });

  it('folds over any number of values', () => {
    const result = mergeAll({ a: 1 }, { b: 'b' }, { c: [true] });
    expect(typeIs<typeof result, { a: number; b: string; c: boolean[] }>(result, true)).toBe(true);
    expect(result).toEqual({ a: 1, b: 'b', c: [true] });
    const nothing = merged();
    expect(typeIs<typeof nothing, undefined>(nothing, true)).toBe(true);
  });

  it('treats Dates and functions as opaque values', () => {
    const run = (): 'x' => 'x';
    const result = merged({ when: new Date(0), run: () => 1 }, { when: new Date(1), run });
    expect(typeIs<typeof result, { when: Date; run: () => 'x' }>(result, true)).toBe(true);
    expect(result.run).toBe(run);
    expect(result.when).toEqual(new Date(1));
  });
});
