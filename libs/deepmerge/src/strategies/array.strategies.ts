import type { MergePath } from '../merge-path';
import type { Merger } from '../merger';
import { registerBuiltInStrategies } from '../strategy-chain';
import { isComparedStructurally, structurallyEqual } from '../structural-equality';

// Python's list strategies build new lists (`base + nxt`), leaving both inputs untouched; so do these.

/** `base + nxt` */
function append(merger: Merger, _path: MergePath, base: unknown[], next: unknown[]): unknown[] {
  return base.concat(merger.takeFromNext(next) as unknown[]);
}

/** `nxt + base` */
function prepend(merger: Merger, _path: MergePath, base: unknown[], next: unknown[]): unknown[] {
  return (merger.takeFromNext(next) as unknown[]).concat(base);
}

/**
 * `base + [n for n in nxt if n not in base]`: only duplicates of base elements are dropped, so repeats
 * within `next` survive, exactly as in Python.
 */
function appendUnique(merger: Merger, _path: MergePath, base: unknown[], next: unknown[]): unknown[] {
  const result = base.slice();
  const baseElements = new BaseElementIndex(base);
  for (let index = 0; index < next.length; index++) {
    const element = next[index];
    if (!baseElements.includes(element)) result.push(merger.takeFromNext(element));
  }
  return result;
}

/** `nxt` */
function override(merger: Merger, _path: MergePath, _base: unknown[], next: unknown[]): unknown[] {
  return merger.takeFromNext(next) as unknown[];
}

/**
 * Membership in `base` in O(1) for primitives and identity-compared objects, falling back to a
 * structural scan only for the (usually few) arrays and records.
 */
class BaseElementIndex {
  private readonly byIdentity = new Set<unknown>();
  private readonly compositeElements: unknown[] = [];

  constructor(base: readonly unknown[]) {
    for (let index = 0; index < base.length; index++) {
      const element = base[index];
      if (isComparedStructurally(element)) this.compositeElements.push(element);
      else this.byIdentity.add(element);
    }
  }

  includes(element: unknown): boolean {
    if (!isComparedStructurally(element)) return this.byIdentity.has(element);
    const composites = this.compositeElements;
    for (let index = 0; index < composites.length; index++) {
      if (structurallyEqual(composites[index], element)) return true;
    }
    return false;
  }
}

export const ArrayStrategies = registerBuiltInStrategies({
  append,
  prepend,
  append_unique: appendUnique,
  override,
});
