export type { DeepMerged, DeepMergedAll } from './deep-merged.types';
export { InvalidMerge, InvalidStrategy, type StrategyListName } from './errors';
export type { PlainRecord } from './kind-of';
export type { MergePath } from './merge-path';
export { Merger } from './merger';
export { alwaysMerger, conservativeMerger, mergeAll, merged, mergeOrRaise } from './ready-mergers';
export { ArrayStrategies } from './strategies/array.strategies';
export { FallbackStrategies } from './strategies/fallback.strategies';
export { MapStrategies } from './strategies/map.strategies';
export { RecordStrategies } from './strategies/record.strategies';
export { SetStrategies } from './strategies/set.strategies';
export { TypeConflictStrategies } from './strategies/type-conflict.strategies';
export { STRATEGY_END, type StrategyEnd } from './strategy-end';
export type {
  ArrayStrategyName,
  FallbackStrategyList,
  FallbackStrategyName,
  MapStrategyName,
  RecordStrategyName,
  SetStrategyName,
  StrategyFunction,
  StrategyList,
  TypeConflictStrategyList,
  TypeConflictStrategyName,
  TypeStrategy,
} from './strategy-types';
