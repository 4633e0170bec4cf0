import {
  ArrayStrategies,
  FallbackStrategies,
  MapStrategies,
  Merger,
  RecordStrategies,
  SetStrategies,
  TypeConflictStrategies,
  type ArrayStrategyName,
  type MapStrategyName,
  type RecordStrategyName,
  type SetStrategyName,
} from '@pets/deepmerge';

const arrayMerger = (name: ArrayStrategyName): Merger => new Merger([[Array, name]], [], []);
const recordMerger = (name: RecordStrategyName): Merger =>
  new Merger([[Object, name]], ['override'], ['override']);
const setMerger = (name: SetStrategyName): Merger => new Merger([[Set, name]], [], []);
const mapMerger = (name: MapStrategyName): Merger =>
  new Merger(
    [
      [Map, name],
      [Object, 'merge'],
    ],
    ['override'],
    ['override'],
  );

describe('Array strategies', () => {
  it('append returns base + next as a new array, leaving both untouched', () => {
    const base = [1, 2];
    const next = [3];
    const result = arrayMerger('append').merge(base, next);
    expect(result).toEqual([1, 2, 3]);
    expect(result).not.toBe(base);
    expect(base).toEqual([1, 2]);
    expect(next).toEqual([3]);
  });

  it('prepend returns next + base', () => {
    expect(arrayMerger('prepend').merge([1, 2], [3, 4])).toEqual([3, 4, 1, 2]);
  });

  it('append_unique appends the elements of next missing from base', () => {
    expect(arrayMerger('append_unique').merge([1, 3, 2], [3, 5, 4, 1, 2])).toEqual([1, 3, 2, 5, 4]);
  });

  it('append_unique keeps repeats within next, as the original only checks base', () => {
    expect(arrayMerger('append_unique').merge([1], [2, 2, 1])).toEqual([1, 2, 2]);
  });

  it('append_unique compares records and arrays by content', () => {
    const merger = arrayMerger('append_unique');
    expect(merger.merge([{ bar: ['bob'] }], [{ bar: ['baz'] }])).toEqual([
      { bar: ['bob'] },
      { bar: ['baz'] },
    ]);
    expect(merger.merge([{ bar: ['bob'] }], [{ bar: ['bob'] }])).toEqual([{ bar: ['bob'] }]);
    expect(merger.merge([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toEqual([{ a: 1, b: 2 }]);
    expect(
      merger.merge(
        [[1, 2]],
        [
          [2, 1],
          [1, 2],
        ],
      ),
    ).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('append_unique treats NaN as equal to NaN and distinguishes 1 from "1"', () => {
    expect(arrayMerger('append_unique').merge([NaN, 1], [NaN, '1'])).toEqual([NaN, 1, '1']);
  });

  it('append_unique compares class instances by identity and Dates by time', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const shared = new Point(1);
    const result = arrayMerger('append_unique').merge(
      [shared, new Date(5)],
      [shared, new Point(1), new Date(5)],
    );
    expect(result).toHaveLength(3);
    expect(result[2]).toEqual(new Point(1));
  });

  it('override returns next', () => {
    const next = [3];
    expect(arrayMerger('override').merge([1, 2], next)).toBe(next);
  });
});

describe('Object (record) strategies', () => {
  it('merge writes every key of next into base, in place, recursing into shared keys', () => {
    const base: Record<string, unknown> = { keep: 1, both: { x: 1 } };
    const result = recordMerger('merge').merge(base, { both: { y: 2 }, added: 3 });
    expect(result).toBe(base);
    expect(base).toEqual({ keep: 1, both: { x: 1, y: 2 }, added: 3 });
  });

  it('merge shares values taken from next, as the original does', () => {
    const added = { deep: true };
    const result = recordMerger('merge').merge({}, { added });
    expect(result.added).toBe(added);
  });

  it('merge sees only own keys of base, never inherited ones such as toString', () => {
    const result = recordMerger('merge').merge<Record<string, unknown>, Record<string, unknown>>(
      {},
      { toString: 'plain value', hasOwnProperty: 1 },
    );
    expect(Object.getOwnPropertyDescriptor(result, 'toString')?.value).toBe('plain value');
    expect(Object.getOwnPropertyDescriptor(result, 'hasOwnProperty')?.value).toBe(1);
  });

  it('merge merges null-prototype records like plain ones and keeps base prototype', () => {
    const base = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const result = recordMerger('merge').merge(base, { b: 2 });
    expect(Object.getPrototypeOf(result)).toBeNull();
    expect({ ...result }).toEqual({ a: 1, b: 2 });
  });

  it('merge merges enumerable symbol keys', () => {
    const key = Symbol('setting');
    const result = recordMerger('merge').merge({ [key]: { a: 1 } }, { [key]: { b: 2 } });
    expect(result[key]).toEqual({ a: 1, b: 2 });
  });

  it('override returns next', () => {
    const next = { b: 2 };
    expect(recordMerger('override').merge({ a: 1 }, next)).toBe(next);
  });
});

describe('Set strategies', () => {
  it('union returns a new Set with the elements of both', () => {
    const base = new Set([1, 2]);
    const result = setMerger('union').merge(base, new Set([2, 3]));
    expect(result).toEqual(new Set([1, 2, 3]));
    expect(result).not.toBe(base);
    expect(base).toEqual(new Set([1, 2]));
  });

  it('intersect keeps the elements in both, in base order', () => {
    expect([...setMerger('intersect').merge(new Set([3, 1, 2]), new Set([2, 3, 4]))]).toEqual([3, 2]);
  });

  it('override returns next', () => {
    const next = new Set([9]);
    expect(setMerger('override').merge(new Set([1]), next)).toBe(next);
  });
});

describe('Map strategies', () => {
  it('merge merges by Map key, recursing into shared keys, in place', () => {
    const objectKey = { id: 1 };
    const base = new Map<unknown, unknown>([
      ['a', { x: 1 }],
      [objectKey, 1],
    ]);
    const result = mapMerger('merge').merge(
      base,
      new Map<unknown, unknown>([
        ['a', { y: 2 }],
        [objectKey, 2],
        [3, 'three'],
      ]),
    );
    expect(result).toBe(base);
    expect(result).toEqual(
      new Map<unknown, unknown>([
        ['a', { x: 1, y: 2 }],
        [objectKey, 2],
        [3, 'three'],
      ]),
    );
  });

  it('merge treats a "__proto__" Map key as an ordinary key', () => {
    const result = mapMerger('merge').merge(new Map(), new Map([['__proto__', { polluted: true }]]));
    expect(result.get('__proto__')).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('override returns next', () => {
    const next = new Map([[1, 1]]);
    expect(mapMerger('override').merge(new Map([[2, 2]]), next)).toBe(next);
  });
});

describe('fallback strategies', () => {
  it('override takes next for two values of the same type', () => {
    expect(new Merger([], ['override'], []).merge('old', 'new')).toBe('new');
  });

  it('use_existing keeps base for two values of the same type', () => {
    expect(new Merger([], ['use_existing'], []).merge('old', 'new')).toBe('old');
  });

  it('also handles containers the merger has no type strategy for', () => {
    expect(new Merger([], ['use_existing'], []).merge([1], [2])).toEqual([1]);
    expect(new Merger([], ['override'], []).merge(new Set([1]), new Set([2]))).toEqual(new Set([2]));
  });
});

describe('type conflict strategies', () => {
  it('override takes next', () => {
    expect(new Merger([], [], ['override']).merge(1, 'one')).toBe('one');
  });

  it('use_existing keeps base', () => {
    expect(new Merger([], [], ['use_existing']).merge(1, 'one')).toBe(1);
  });

  describe('override_if_not_empty', () => {
    const merger = new Merger([], [], ['override_if_not_empty']);

    it.each([
      ['undefined', undefined],
      ['null', null],
      ['false', false],
      ['0', 0],
      ['NaN', NaN],
      ['an empty string', ''],
      ['an empty array', []],
      ['an empty record', {}],
      ['an empty null-prototype record', Object.create(null) as object],
      ['an empty Set', new Set()],
      ['an empty Map', new Map()],
    ])('keeps base when next is %s', (_label, empty) => {
      expect(merger.merge(Symbol.for('base'), empty)).toBe(Symbol.for('base'));
    });

    it.each([
      ['true', true],
      ['a number', 7],
      ['a string', 'x'],
      ['an array', [0]],
      ['a record', { a: undefined }],
      ['a Set', new Set([0])],
      ['a Map', new Map([[0, 0]])],
      ['a Date', new Date(0)],
      ['a class instance', new (class Empty {})()],
    ])('takes next when next is %s', (_label, value) => {
      expect(merger.merge(Symbol.for('base'), value)).toBe(value);
    });

    it('matches the original test: empty dict never wins over a list with content', () => {
      const contentAsList = [{ key: 'val' }];
      expect(merger.merge({}, contentAsList)).toBe(contentAsList);
      expect(merger.merge(contentAsList, {})).toBe(contentAsList);
      expect(merger.merge(contentAsList, null)).toBe(contentAsList);
    });
  });
});

describe('exported built-in strategy tables', () => {
  it('can be used as strategy functions, like ListStrategies.strategy_append_unique in Python', () => {
    const merger = new Merger([[Array, ArrayStrategies.append_unique]], [], []);
    expect(merger.merge([1, 3, 2], [3, 5, 4, 1, 2])).toEqual([1, 3, 2, 5, 4]);
  });

  it('list exactly the documented names', () => {
    expect(Object.keys(ArrayStrategies).sort()).toEqual(['append', 'append_unique', 'override', 'prepend']);
    expect(Object.keys(RecordStrategies).sort()).toEqual(['merge', 'override']);
    expect(Object.keys(SetStrategies).sort()).toEqual(['intersect', 'override', 'union']);
    expect(Object.keys(MapStrategies).sort()).toEqual(['merge', 'override']);
    expect(Object.keys(FallbackStrategies).sort()).toEqual(['override', 'use_existing']);
    expect(Object.keys(TypeConflictStrategies).sort()).toEqual([
      'override',
      'override_if_not_empty',
      'use_existing',
    ]);
  });

  it('are frozen', () => {
    expect(Object.isFrozen(ArrayStrategies)).toBe(true);
    expect(Object.isFrozen(TypeConflictStrategies)).toBe(true);
  });
});
