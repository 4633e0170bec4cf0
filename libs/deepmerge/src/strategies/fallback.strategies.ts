import type { MergePath } from '../merge-path';
import type { Merger } from '../merger';
import { registerBuiltInStrategies } from '../strategy-chain';

// Used when both values have the same type but no type strategy applies (strings, numbers, Dates,
// class instances, or a container type the merger has no strategies for).

function override(merger: Merger, _path: MergePath, _base: unknown, next: unknown): unknown {
  return merger.takeFromNext(next);
}

function useExisting(_merger: Merger, _path: MergePath, base: unknown): unknown {
  return base;
}

export const FallbackStrategies = registerBuiltInStrategies({ override, use_existing: useExisting });
