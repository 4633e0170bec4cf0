import type { PlainRecord } from './kind-of';
import type { MergePath } from './merge-path';
import type { Merger } from './merger';

/**
 * A strategy: returns the merged value, or STRATEGY_END to hand over to the next strategy in its list.
 * Declared through a method so that its parameters are bivariant: a strategy written for
 * `Set<string>` can be registered for `Set` even though the merger only knows it has "some Set".
 */
export type StrategyFunction<Value = unknown> = {
  strategy(merger: Merger, path: MergePath, base: Value, next: Value): unknown;
}['strategy'];

export type ArrayStrategyName = 'append' | 'prepend' | 'append_unique' | 'override';
export type RecordStrategyName = 'merge' | 'override';
export type SetStrategyName = 'union' | 'intersect' | 'override';
export type MapStrategyName = 'merge' | 'override';
export type FallbackStrategyName = 'override' | 'use_existing';
export type TypeConflictStrategyName = 'override' | 'use_existing' | 'override_if_not_empty';

/** One strategy or a list tried in order, each a built-in name or a function. */
export type StrategyList<Name extends string, Value = unknown> =
  Name | StrategyFunction<Value> | readonly (Name | StrategyFunction<Value>)[];

/** A `[Type, strategies]` pair, Python's `(list, "append")`. */
export type TypeStrategy =
  | readonly [ArrayConstructor, StrategyList<ArrayStrategyName, unknown[]>]
  | readonly [ObjectConstructor, StrategyList<RecordStrategyName, PlainRecord>]
  | readonly [SetConstructor, StrategyList<SetStrategyName, Set<unknown>>]
  | readonly [MapConstructor, StrategyList<MapStrategyName, Map<unknown, unknown>>];

export type FallbackStrategyList = StrategyList<FallbackStrategyName>;
export type TypeConflictStrategyList = StrategyList<TypeConflictStrategyName>;
