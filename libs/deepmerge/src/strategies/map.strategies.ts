import { childPath, type MergePath } from '../merge-path';
import type { Merger } from '../merger';
import { registerBuiltInStrategies } from '../strategy-chain';

type AnyMap = Map<unknown, unknown>;

/** The dict `merge` strategy keyed by Map keys: mutates and returns `base`. */
function merge(merger: Merger, path: MergePath, base: AnyMap, next: AnyMap): AnyMap {
  for (const [nextKey, nextValue] of next) {
    // During `merged`, base holds copies of object keys; look the key up by its copy.
    const key = merger.takeKeyFromNext(nextKey);
    const merged = base.has(key)
      ? merger.valueStrategy(childPath(path, nextKey), base.get(key), nextValue)
      : merger.takeFromNext(nextValue);
    base.set(key, merged);
  }
  return base;
}

function override(merger: Merger, _path: MergePath, _base: AnyMap, next: AnyMap): AnyMap {
  return merger.takeFromNext(next) as AnyMap;
}

export const MapStrategies = registerBuiltInStrategies({ merge, override });
