/**
 * Returned by a strategy to say "not mine": the next strategy in the same list gets a try. Python
 * compares with `is`; a unique symbol gives the same identity semantics and can't be produced by data.
 */
export const STRATEGY_END: unique symbol = Symbol('deepmerge.STRATEGY_END');
export type StrategyEnd = typeof STRATEGY_END;
