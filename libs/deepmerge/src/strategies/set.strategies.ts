import type { MergePath } from '../merge-path';
import type { Merger } from '../merger';
import { registerBuiltInStrategies } from '../strategy-chain';

// As Python's `base | nxt` and `base & nxt`, these return new Sets and leave both inputs untouched.
// Membership is JavaScript's (SameValueZero), since that is what a Set means here.

/** `base | nxt` */
function union(merger: Merger, _path: MergePath, base: Set<unknown>, next: Set<unknown>): Set<unknown> {
  const result = new Set(base);
  for (const element of merger.takeFromNext(next) as Set<unknown>) result.add(element);
  return result;
}

/** `base & nxt`, in base's order */
function intersect(merger: Merger, _path: MergePath, base: Set<unknown>, next: Set<unknown>): Set<unknown> {
  const other = merger.takeFromNext(next) as Set<unknown>;
  const result = new Set<unknown>();
  for (const element of base) if (other.has(element)) result.add(element);
  return result;
}

function override(merger: Merger, _path: MergePath, _base: Set<unknown>, next: Set<unknown>): Set<unknown> {
  return merger.takeFromNext(next) as Set<unknown>;
}

export const SetStrategies = registerBuiltInStrategies({ union, intersect, override });
