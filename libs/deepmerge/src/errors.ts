import { describeType } from './kind-of';
import { formatPath, type MergePath } from './merge-path';

/** The strategy lists a Merger consults, named as in error messages. */
export type StrategyListName =
  'Array type' | 'Object type' | 'Set type' | 'Map type' | 'fallback' | 'type conflict';

/**
 * Thrown when every strategy of the list in charge returned STRATEGY_END (or the list is empty, as in
 * `mergeOrRaise`). The message names the list, the path and both types but not the values: merged
 * configuration often holds secrets, and messages end up in logs. The values are on the error.
 */
export class InvalidMerge extends Error {
  override readonly name = 'InvalidMerge';

  constructor(
    readonly strategyList: StrategyListName,
    readonly path: MergePath,
    readonly base: unknown,
    readonly next: unknown,
  ) {
    super(
      `No more ${strategyList} strategies to try at ${formatPath(path)} ` +
        `(base: ${describeType(base)}, next: ${describeType(next)})`,
    );
  }
}

/**
 * Thrown by the Merger constructor for a strategy it cannot resolve: an unknown name (Python raises
 * StrategyNotFound), something that is neither a name nor a function, or an unsupported type.
 */
export class InvalidStrategy extends Error {
  override readonly name = 'InvalidStrategy';

  constructor(
    readonly strategyList: StrategyListName | 'type',
    readonly strategy: unknown,
    message: string,
  ) {
    super(message);
  }
}
