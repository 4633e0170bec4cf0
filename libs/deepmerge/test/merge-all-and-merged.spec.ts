import {
  alwaysMerger,
  conservativeMerger,
  Merger,
  mergeAll,
  merged,
  type PlainRecord,
  type StrategyFunction,
} from '@pets/deepmerge';

import { deepFreeze, reachableObjects } from './helpers';

describe('mergeAll', () => {
  it('merges each value into the running result, left to right, mutating base', () => {
    const base: PlainRecord = { list: [1], a: { x: 1 } };
    const result = alwaysMerger.mergeAll(base, { list: [2] }, { a: { y: 2 } }, { list: [3], b: 1 });
    expect(result).toBe(base);
    expect(result).toEqual({ list: [1, 2, 3], a: { x: 1, y: 2 }, b: 1 });
  });

  it('equals successive merge calls', () => {
    const values = (): PlainRecord[] => [{ a: 1, l: ['x'] }, { a: 'two' }, { l: ['y'], c: { d: 1 } }];
    const [first, ...rest] = values();
    const expected = values().reduce((acc, next) => alwaysMerger.merge(acc, next));
    expect(alwaysMerger.mergeAll(first, ...rest)).toEqual(expected);
  });

  it('returns base itself when there is nothing to merge', () => {
    const base = { a: 1 };
    expect(mergeAll(base)).toBe(base);
  });

  it('uses the strategies of the merger it is called on', () => {
    expect(conservativeMerger.mergeAll({ a: 1 }, { a: 2 }, { a: 3, b: 4 })).toEqual({ a: 1, b: 4 });
  });

  it('is available standalone, using alwaysMerger', () => {
    expect(mergeAll({ a: [1] }, { a: [2] }, { a: [3] })).toEqual({ a: [1, 2, 3] });
  });
});

describe('merged', () => {
  const makeInputs = (): [PlainRecord, PlainRecord, PlainRecord] => [
    {
      name: 'base',
      list: [{ id: 1 }, [1, 2]],
      nested: { deeper: { value: 1, tags: ['a'] }, only: { base: true } },
      set: new Set([1, 2]),
      map: new Map<string, unknown>([['k', { a: 1 }]]),
      when: new Date(0),
    },
    {
      list: [{ id: 2 }],
      nested: { deeper: { value: 2, tags: ['b'] }, added: { next: [true] } },
      set: new Set([3]),
      map: new Map<string, unknown>([
        ['k', { b: 2 }],
        ['new', { c: [3] }],
      ]),
      conflict: { becomes: 'record' },
    },
    { nested: { third: { x: [1] } }, name: 'third', conflict: ['now', 'a list'] },
  ];

  const expected = {
    name: 'third',
    list: [{ id: 1 }, [1, 2], { id: 2 }],
    nested: {
      deeper: { value: 2, tags: ['a', 'b'] },
      only: { base: true },
      added: { next: [true] },
      third: { x: [1] },
    },
    set: new Set([1, 2, 3]),
    map: new Map<string, unknown>([
      ['k', { a: 1, b: 2 }],
      ['new', { c: [3] }],
    ]),
    when: new Date(0),
    conflict: ['now', 'a list'],
  };

  it('gives the same result as merging into copies', () => {
    expect(merged(...makeInputs())).toEqual(expected);
    const [first, ...rest] = makeInputs();
    expect(alwaysMerger.mergeAll(first, ...rest)).toEqual(expected);
  });

  it('leaves deep-frozen inputs untouched (no throw, equal to a structuredClone snapshot)', () => {
    const inputs = makeInputs();
    const before = structuredClone(inputs);
    inputs.forEach(deepFreeze);

    const result = merged(...inputs);

    expect(result).toEqual(expected);
    expect(inputs).toEqual(before);
  });

  it('shares no array, record, Set, Map or Date with any input', () => {
    const inputs = makeInputs();
    const inputObjects = reachableObjects(inputs);
    inputObjects.delete(inputs);
    const shared = [...reachableObjects(merged(...inputs))].filter((object) => inputObjects.has(object));
    expect(shared).toEqual([]);
  });

  it('lets the result be mutated without reaching the inputs', () => {
    const inputs = makeInputs();
    const before = structuredClone(inputs);
    const result = merged(...inputs) as typeof expected;

    (result.list as unknown[]).push('added');
    (result.list[0] as PlainRecord).id = 99;
    (result.list[1] as number[]).push(3);
    result.nested.deeper.tags.push('c');
    (result.nested.only as PlainRecord).base = false;
    result.set.add(99);
    (result.map.get('k') as PlainRecord).a = 99;
    result.map.set('other', 1);
    result.when.setTime(1000);

    expect(inputs).toEqual(before);
  });

  it('copies a single value deeply and returns undefined for no values', () => {
    const only = { a: { b: [1] } };
    const copy = merged(only);
    expect(copy).toEqual(only);
    expect(copy).not.toBe(only);
    expect(copy.a.b).not.toBe(only.a.b);
    expect(merged()).toBeUndefined();
  });

  it('copies what next brings on a type conflict or override', () => {
    const next = { a: { b: [1] } };
    const result = merged({ a: 1 }, next);
    expect(result.a).toEqual(next.a);
    expect(result.a).not.toBe(next.a);
  });

  it('keeps one copy of an object that is an element of Sets in several inputs', () => {
    const element = { id: 1 };
    const union = merged({ s: new Set([element]) }, { s: new Set([element]) });
    expect(union.s.size).toBe(1);
    expect([...union.s][0]).not.toBe(element);

    const intersectMerger = new Merger([[Set, 'intersect']], [], []);
    const intersection = intersectMerger.merged(new Set([element, { id: 2 }]), new Set([element]));
    expect(intersection).toEqual(new Set([{ id: 1 }]));
  });

  it('matches object Map keys across inputs', () => {
    const key = { id: 'k' };
    const result = merged(new Map([[key, { a: 1 }]]), new Map([[key, { b: 2 }]]));
    expect(result.size).toBe(1);
    expect([...result.values()][0]).toEqual({ a: 1, b: 2 });
    expect([...result.keys()][0]).not.toBe(key);
  });

  it('keeps class instances and functions by reference', () => {
    class Connection {
      open = true;
    }
    const connection = new Connection();
    const handler = (): number => 1;
    const result = merged({ connection }, { handler });
    expect(result.connection).toBe(connection);
    expect(result.handler).toBe(handler);
  });

  it('keeps null prototypes', () => {
    const base = Object.assign(Object.create(null) as PlainRecord, { a: { b: 1 } });
    const result = merged(base, { c: 1 });
    expect(Object.getPrototypeOf(result)).toBeNull();
  });

  it('only lets custom strategies see copies, whatever they mutate', () => {
    const mutateBoth: StrategyFunction<unknown[]> = (_merger, _path, base, next) => {
      base.push(...next);
      next.length = 0;
      return base;
    };
    const merger = new Merger(
      [
        [Array, mutateBoth],
        [Object, 'merge'],
      ],
      ['override'],
      ['override'],
    );
    const inputs = [
      { list: [1], nested: { list: ['a'] } },
      { list: [2], nested: { list: ['b'] } },
    ] as const;
    const before = structuredClone(inputs);

    expect(merger.merged(...inputs)).toEqual({ list: [1, 2], nested: { list: ['a', 'b'] } });
    expect(inputs).toEqual(before);
  });

  it('is available standalone, using alwaysMerger', () => {
    expect(merged({ a: [1] }, { a: [2] }, { b: 1 })).toEqual({ a: [1, 2], b: 1 });
  });

  it('does not support cyclic inputs (copying them overflows the stack)', () => {
    const cyclic: PlainRecord = { a: 1 };
    cyclic.self = cyclic;
    expect(() => merged(cyclic, {})).toThrow(RangeError);
  });
});
