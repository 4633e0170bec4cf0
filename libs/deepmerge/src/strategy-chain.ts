import { InvalidMerge, InvalidStrategy, type StrategyListName } from './errors';
import type { MergePath } from './merge-path';
import type { Merger } from './merger';
import { STRATEGY_END } from './strategy-end';
import type { StrategyFunction } from './strategy-types';

/** The built-in strategies of one list, by the names users write. */
export type BuiltInStrategyTable = Readonly<Record<string, StrategyFunction>>;

/**
 * One of Python's StrategyLists with every name already turned into its function, so that merging
 * never looks a name up.
 */
export class StrategyChain {
  constructor(
    readonly listName: StrategyListName,
    private readonly strategies: readonly StrategyFunction[],
    /** Whether every strategy is a built-in, which know how to copy for `merged` (see Merger). */
    readonly onlyBuiltIns: boolean,
  ) {}

  run(merger: Merger, path: MergePath, base: unknown, next: unknown): unknown {
    const strategies = this.strategies;
    for (let index = 0; index < strategies.length; index++) {
      const result = strategies[index](merger, path, base, next);
      if (result !== STRATEGY_END) return result;
    }
    throw new InvalidMerge(this.listName, path, base, next);
  }
}

/** Accepts one strategy or a list of them, as Python's StrategyList does. */
export function resolveStrategyChain(
  listName: StrategyListName,
  strategyOrList: unknown,
  builtIns: BuiltInStrategyTable,
): StrategyChain {
  const specified: readonly unknown[] = Array.isArray(strategyOrList) ? strategyOrList : [strategyOrList];
  const strategies: StrategyFunction[] = [];
  let onlyBuiltIns = true;
  for (const strategy of specified) {
    if (typeof strategy === 'string') {
      // Own properties only: a strategy named "toString" or "constructor" must not resolve.
      if (!Object.hasOwn(builtIns, strategy)) {
        throw new InvalidStrategy(
          listName,
          strategy,
          `Unknown ${listName} strategy ${JSON.stringify(strategy)}; ` +
            `expected one of ${Object.keys(builtIns).join(', ')} or a function`,
        );
      }
      strategies.push(builtIns[strategy]);
    } else if (typeof strategy === 'function') {
      strategies.push(strategy as StrategyFunction);
      onlyBuiltIns &&= isBuiltInStrategy(strategy);
    } else {
      throw new InvalidStrategy(
        listName,
        strategy,
        `A ${listName} strategy must be a built-in name or a function, got ${typeof strategy}`,
      );
    }
  }
  return new StrategyChain(listName, strategies, onlyBuiltIns);
}

const builtInStrategies = new WeakSet<object>();

/** Called once per built-in table so that passing e.g. `ArrayStrategies.append` counts as built-in. */
export function registerBuiltInStrategies<Table extends BuiltInStrategyTable>(table: Table): Table {
  for (const strategy of Object.values(table)) builtInStrategies.add(strategy);
  return Object.freeze(table);
}

function isBuiltInStrategy(strategy: object): boolean {
  return builtInStrategies.has(strategy);
}
