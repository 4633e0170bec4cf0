import type { MergePath } from '../merge-path';
import type { Merger } from '../merger';
import { registerBuiltInStrategies } from '../strategy-chain';
import { enumerableOwnSymbols } from '../record-keys';

function override(merger: Merger, _path: MergePath, _base: unknown, next: unknown): unknown {
  return merger.takeFromNext(next);
}

function useExisting(_merger: Merger, _path: MergePath, base: unknown): unknown {
  return base;
}

/** Python's `nxt if nxt else base`, with JavaScript's notion of an empty value (see isEmptyValue). */
function overrideIfNotEmpty(merger: Merger, _path: MergePath, base: unknown, next: unknown): unknown {
  return isEmptyValue(next) ? base : merger.takeFromNext(next);
}

/**
 * Python treats `[]`, `{}` and `set()` as falsy; JavaScript does not, so emptiness is spelled out:
 * falsy values (`undefined`, `null`, `false`, `0`, `-0`, `0n`, `''`, `NaN`) plus arrays, records, Sets
 * and Maps without entries. Class instances are never empty, as Python objects are truthy by default.
 */
export function isEmptyValue(value: unknown): boolean {
  if (!value) return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Set || value instanceof Map) return value.size === 0;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.keys(value).length === 0 && enumerableOwnSymbols(value) === undefined;
}

export const TypeConflictStrategies = registerBuiltInStrategies({
  override,
  use_existing: useExisting,
  override_if_not_empty: overrideIfNotEmpty,
});
