import type { PlainRecord } from '../kind-of';
import { childPath, type MergePath } from '../merge-path';
import type { Merger } from '../merger';
import { registerBuiltInStrategies } from '../strategy-chain';
import { isPrototypePollutingKey } from '../prototype-safety';
import { enumerableOwnSymbols } from '../record-keys';

/**
 * Python's dict `merge`: every key of `next` is written into `base` (mutating it); keys present on both
 * sides are merged recursively by the merger. "Present" means an own property, never `key in base`,
 * which would see `toString` and friends on the prototype.
 */
function merge(merger: Merger, path: MergePath, base: PlainRecord, next: PlainRecord): PlainRecord {
  const keys = Object.keys(next);
  for (let index = 0; index < keys.length; index++) {
    if (!isPrototypePollutingKey(keys[index])) mergeProperty(merger, path, base, next, keys[index]);
  }
  const symbols = enumerableOwnSymbols(next);
  if (symbols !== undefined) {
    for (let index = 0; index < symbols.length; index++)
      mergeProperty(merger, path, base, next, symbols[index]);
  }
  return base;
}

function mergeProperty(
  merger: Merger,
  path: MergePath,
  base: PlainRecord,
  next: PlainRecord,
  key: PropertyKey,
): void {
  base[key] = Object.hasOwn(base, key)
    ? merger.valueStrategy(childPath(path, key), base[key], next[key])
    : merger.takeFromNext(next[key]);
}

function override(merger: Merger, _path: MergePath, _base: PlainRecord, next: PlainRecord): PlainRecord {
  return merger.takeFromNext(next) as PlainRecord;
}

export const RecordStrategies = registerBuiltInStrategies({ merge, override });
