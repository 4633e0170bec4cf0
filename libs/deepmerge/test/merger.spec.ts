import {
  InvalidMerge,
  InvalidStrategy,
  Merger,
  mergeOrRaise,
  STRATEGY_END,
  type MergePath,
  type StrategyFunction,
  type TypeStrategy,
} from '@pets/deepmerge';

describe('Merger: which strategy list handles a pair', () => {
  const fallback: StrategyFunction = () => 'fallback';
  const typeConflict: StrategyFunction = () => 'type conflict';
  const decide = new Merger([], fallback, typeConflict);

  class Animal {}
  class Dog extends Animal {}

  it.each<[string, unknown, unknown, string]>([
    ['two numbers', 1, 2.5, 'fallback'],
    ['NaN and a number', NaN, 1, 'fallback'],
    ['two strings', 'a', 'b', 'fallback'],
    ['two booleans', true, false, 'fallback'],
    ['two bigints', 1n, 2n, 'fallback'],
    ['two undefined', undefined, undefined, 'fallback'],
    ['two nulls', null, null, 'fallback'],
    ['two functions', () => 1, () => 2, 'fallback'],
    ['two Dates', new Date(0), new Date(1), 'fallback'],
    ['an instance and an instance of a subclass', new Animal(), new Dog(), 'fallback'],
    ['a subclass instance and a base class instance', new Dog(), new Animal(), 'fallback'],
    ['a record and a null-prototype record (no Object strategy)', {}, Object.create(null), 'fallback'],
    ['a number and a string', 1, '1', 'type conflict'],
    ['a boolean and a number', true, 1, 'type conflict'],
    ['null and undefined', null, undefined, 'type conflict'],
    ['null and a record', null, {}, 'type conflict'],
    ['an array and a record', [], {}, 'type conflict'],
    ['a Set and a Map', new Set(), new Map(), 'type conflict'],
    ['a Set and an array', new Set(), [], 'type conflict'],
    ['a record and a class instance', {}, new Animal(), 'type conflict'],
    ['a Date and a RegExp', new Date(0), /x/, 'type conflict'],
    ['instances of unrelated classes', new Animal(), new (class Plant {})(), 'type conflict'],
    ['a record and a Date', {}, new Date(0), 'type conflict'],
  ])('%s -> %s', (_label, base, next, expected) => {
    expect(decide.merge(base, next)).toBe(expected);
  });

  it('uses the type strategies for arrays, records, Sets and Maps', () => {
    const tag =
      (name: string): StrategyFunction =>
      () =>
        name;
    const merger = new Merger(
      [
        [Array, tag('array')],
        [Object, tag('record')],
        [Set, tag('set')],
        [Map, tag('map')],
      ],
      fallback,
      typeConflict,
    );
    expect(merger.merge([], [])).toBe('array');
    expect(merger.merge({}, Object.create(null))).toBe('record');
    expect(merger.merge(new Set(), new Set())).toBe('set');
    expect(merger.merge(new Map(), new Map())).toBe('map');
    expect(merger.merge(new (class Tagged extends Map {})(), new Map())).toBe('map');
  });

  it('does not merge class instances structurally: they go to the fallback strategies', () => {
    class Settings {
      constructor(public values: Record<string, number>) {}
    }
    const merger = new Merger([[Object, 'merge']], ['override'], ['override']);
    const next = new Settings({ b: 2 });
    expect(merger.merge(new Settings({ a: 1 }), next)).toBe(next);
  });

  it('uses the first pair given for a type, as the original loop does', () => {
    const merger = new Merger(
      [
        [Array, 'prepend'],
        [Array, 'append'],
      ],
      [],
      [],
    );
    expect(merger.merge([1], [2])).toEqual([2, 1]);
  });
});

describe('Merger: strategy lists', () => {
  it('accepts a single strategy name, a single function or a list', () => {
    const double: StrategyFunction<number> = (_merger, _path, base, next) => (base + next) * 2;
    expect(new Merger([[Array, 'append']], 'override', 'override').merge('a', 'b')).toBe('b');
    expect(new Merger([], double, []).merge(1, 2)).toBe(6);
    expect(new Merger([], [double], []).merge(1, 2)).toBe(6);
  });

  it('tries strategies in order until one does not return STRATEGY_END', () => {
    const calls: string[] = [];
    const pass =
      (name: string): StrategyFunction =>
      () => {
        calls.push(name);
        return STRATEGY_END;
      };
    const merger = new Merger([], [pass('first'), pass('second'), 'use_existing', pass('never')], []);
    expect(merger.merge('base', 'next')).toBe('base');
    expect(calls).toEqual(['first', 'second']);
  });

  it('keeps a strategy result of undefined (only STRATEGY_END hands over)', () => {
    const merger = new Merger([], [() => undefined, 'override'], []);
    expect(merger.merge('base', 'next')).toBeUndefined();
  });

  it('passes the merger and the path of keys from the root to strategies', () => {
    const seen: { merger: Merger; path: MergePath }[] = [];
    const record: StrategyFunction = (merger, path) => {
      seen.push({ merger, path });
      return 'recorded';
    };
    const merger = new Merger(
      [
        [Object, 'merge'],
        [Map, 'merge'],
      ],
      record,
      [],
    );
    const result = merger.merge({ a: { b: new Map([[2, 'x']]) } }, { a: { b: new Map([[2, 'y']]) } });
    expect(result).toEqual({ a: { b: new Map([[2, 'recorded']]) } });
    expect(seen).toEqual([{ merger, path: ['a', 'b', 2] }]);
  });

  it('lets a strategy recurse through merger.valueStrategy', () => {
    // Merges arrays element by element, as a user might for positional lists.
    const zip: StrategyFunction<unknown[]> = (merger, path, base, next) =>
      base.map((element, index) =>
        index < next.length ? merger.valueStrategy([...path, index], element, next[index]) : element,
      );
    const merger = new Merger(
      [
        [Array, zip],
        [Object, 'merge'],
      ],
      ['override'],
      ['override'],
    );
    expect(merger.merge([{ a: 1 }, { b: 1 }], [{ c: 2 }])).toEqual([{ a: 1, c: 2 }, { b: 1 }]);
  });
});

describe('InvalidMerge', () => {
  function catchInvalidMerge(run: () => unknown): InvalidMerge {
    try {
      run();
    } catch (error) {
      if (error instanceof InvalidMerge) return error;
      throw error;
    }
    throw new Error('expected an InvalidMerge');
  }

  it('is thrown by mergeOrRaise on a type conflict, like the original test', () => {
    const error = catchInvalidMerge(() =>
      mergeOrRaise.merge({ foo: 0, baz: 2 }, { bar: 1, foo: 'a string!' }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidMerge');
    expect(error.strategyList).toBe('type conflict');
    expect(error.path).toEqual(['foo']);
    expect(error.base).toBe(0);
    expect(error.next).toBe('a string!');
    expect(error.message).toBe('No more type conflict strategies to try at foo (base: number, next: string)');
  });

  it('names the fallback list, a nested path and both types', () => {
    const error = catchInvalidMerge(() =>
      mergeOrRaise.merge({ a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }),
    );
    expect(error.message).toContain('fallback');
    expect(error.message).toContain('a.b.c');
    expect(error.message).toContain('base: string, next: string');
  });

  it('renders Map keys, numbers and non-identifier keys readably', () => {
    const error = catchInvalidMerge(() =>
      mergeOrRaise.merge({ 'x y': new Map([[2, new Date(0)]]) }, { 'x y': new Map([[2, /re/]]) }),
    );
    expect(error.message).toBe(
      'No more type conflict strategies to try at ["x y"][2] (base: Date, next: RegExp)',
    );
    expect(error.path).toEqual(['x y', 2]);
  });

  it('names the type strategy list when all its strategies hand over', () => {
    const merger = new Merger([[Array, () => STRATEGY_END]], [], []);
    const error = catchInvalidMerge(() => merger.merge([1], [2]));
    expect(error.strategyList).toBe('Array type');
    expect(error.message).toBe('No more Array type strategies to try at (root) (base: array, next: array)');
  });

  it('does not put the values in the message (configuration may hold secrets)', () => {
    const error = catchInvalidMerge(() => mergeOrRaise.merge({ password: 'hunter2' }, { password: 42 }));
    expect(error.message).not.toContain('hunter2');
  });
});

describe('InvalidStrategy', () => {
  // Strategies the types would reject, to check what happens when they get through (e.g. from JSON).
  const unchecked = (strategy: unknown): never => strategy as never;

  it('is thrown at construction for an unknown strategy name, naming it and the list', () => {
    expect(() => new Merger([[Array, unchecked('apend')]], [], [])).toThrow(InvalidStrategy);
    expect(() => new Merger([[Array, unchecked('apend')]], [], [])).toThrow(
      'Unknown Array type strategy "apend"; expected one of append, prepend, append_unique, override or a function',
    );
    expect(() => new Merger([], [unchecked('merge')], [])).toThrow('Unknown fallback strategy "merge"');
    expect(() => new Merger([], [], [unchecked('union')])).toThrow('Unknown type conflict strategy "union"');
  });

  it('does not resolve names inherited from Object.prototype', () => {
    expect(() => new Merger([], [unchecked('toString')], [])).toThrow(InvalidStrategy);
    expect(() => new Merger([], [unchecked('constructor')], [])).toThrow(InvalidStrategy);
  });

  it('rejects types other than Array, Object, Set and Map', () => {
    expect(() => new Merger([[Date, 'override'] as unknown as TypeStrategy], [], [])).toThrow(
      'Cannot handle type strategies for Date: use Array, Object, Set or Map',
    );
  });

  it('rejects a strategy that is neither a name nor a function, and malformed pairs', () => {
    expect(() => new Merger([], [unchecked(42)], [])).toThrow(
      'A fallback strategy must be a built-in name or a function, got number',
    );
    expect(() => new Merger([[Array] as unknown as TypeStrategy], [], [])).toThrow('[Type, strategies] pair');
  });

  it('carries the offending strategy', () => {
    try {
      new Merger([[Set, unchecked('append')]], [], []);
      throw new Error('expected an InvalidStrategy');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidStrategy);
      expect((error as InvalidStrategy).strategy).toBe('append');
      expect((error as InvalidStrategy).strategyList).toBe('Set type');
    }
  });
});
