import { alwaysMerger, Merger, STRATEGY_END, type StrategyFunction } from '@pets/deepmerge';

describe('the examples of the original library', () => {
  it('alwaysMerger merges nested records and appends nested lists', () => {
    const base = { a: ['b'], c: 1, nested: { nested_dict: 'value', nested_list: ['a'] } };
    const nxt = {
      new_key: 'new_value',
      nested: { nested_dict: 'new_value', nested_list: ['b'], new_nested_key: 'value' },
    };

    const result = alwaysMerger.merge(base, nxt);

    expect(result).toEqual({
      a: ['b'],
      c: 1,
      new_key: 'new_value',
      nested: { nested_dict: 'new_value', nested_list: ['a', 'b'], new_nested_key: 'value' },
    });
    // Destructive, as in Python: the base record itself is the result.
    expect(result).toBe(base);
  });

  it('alwaysMerger appends lists under the same key (README "Generic Strategy")', () => {
    expect(alwaysMerger.merge({ foo: ['bar'] }, { foo: ['baz'] })).toEqual({ foo: ['bar', 'baz'] });
  });

  it('a custom Merger with prepend / merge / override merges into base', () => {
    const myMerger = new Merger(
      [
        [Array, ['prepend']],
        [Object, ['merge']],
      ],
      ['override'],
      ['override'],
    );
    const base: Record<string, unknown> = { foo: ['bar'] };

    myMerger.merge(base, { bar: 'baz' });

    expect(base).toEqual({ foo: ['bar'], bar: 'baz' });
    expect(myMerger.merge({ foo: ['bar'] }, { foo: ['baz'] })).toEqual({ foo: ['baz', 'bar'] });
  });

  describe('custom strategy functions', () => {
    const mergeSets: StrategyFunction<Set<unknown>> = (_merger, _path, base, nxt) => {
      for (const element of nxt) base.add(element);
      return base;
    };
    // Appends only the last element of nxt; with nothing to take it hands over to the next strategy.
    const appendLastElement: StrategyFunction<unknown[]> = (_merger, _path, base, nxt) => {
      if (nxt.length === 0) return STRATEGY_END;
      base.push(nxt[nxt.length - 1]);
      return base;
    };
    const customMerger = new Merger(
      [
        [Array, [appendLastElement, 'override']],
        [Object, 'merge'],
        [Set, mergeSets],
      ],
      [],
      [],
    );

    it('applies a function strategy to Sets', () => {
      expect(customMerger.merge(new Set(['foo']), new Set(['bar']))).toEqual(new Set(['foo', 'bar']));
    });

    it('applies a function strategy to lists', () => {
      expect(customMerger.merge([1, 2, 3], [4, 5, 6])).toEqual([1, 2, 3, 6]);
    });

    it('hands over to the next strategy when a function returns STRATEGY_END', () => {
      expect(customMerger.merge({ list: [1, 2] }, { list: [] })).toEqual({ list: [] });
    });
  });
});
