import { kindOf, type PlainRecord } from './kind-of';
import { enumerableOwnSymbols } from './record-keys';

/**
 * Equality for `append_unique`. Python's `n not in base` compares lists and dicts by content (deepmerge
 * hashes their repr), so arrays, records, Sets and Maps are compared structurally here; primitives use
 * SameValueZero like `Array#includes`; Dates compare by time; other class instances by identity, as
 * Python objects without `__eq__` do.
 */
export function structurallyEqual(left: unknown, right: unknown): boolean {
  if (left === right || (left !== left && right !== right)) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  const kind = kindOf(left);
  if (kind !== kindOf(right)) return false;
  switch (kind) {
    case 'array':
      return arraysEqual(left as unknown[], right as unknown[]);
    case 'record':
      return recordsEqual(left as PlainRecord, right as PlainRecord);
    case 'set':
      return setsEqual(left as Set<unknown>, right as Set<unknown>);
    case 'map':
      return mapsEqual(left as Map<unknown, unknown>, right as Map<unknown, unknown>);
    default:
      return left instanceof Date && right instanceof Date && left.getTime() === right.getTime();
  }
}

/** Whether a value is compared by content (and so can't be looked up in a Set). */
export function isComparedStructurally(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const kind = kindOf(value);
  return kind !== 'instance' || value instanceof Date;
}

function arraysEqual(left: unknown[], right: unknown[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    if (!structurallyEqual(left[index], right[index])) return false;
  }
  return true;
}

function recordsEqual(left: PlainRecord, right: PlainRecord): boolean {
  return (
    keysEqual(left, right, Object.keys(left), Object.keys(right).length) &&
    keysEqual(left, right, enumerableOwnSymbols(left) ?? [], enumerableOwnSymbols(right)?.length ?? 0)
  );
}

function keysEqual(
  left: PlainRecord,
  right: PlainRecord,
  leftKeys: readonly PropertyKey[],
  rightKeyCount: number,
): boolean {
  if (leftKeys.length !== rightKeyCount) return false;
  for (let index = 0; index < leftKeys.length; index++) {
    const key = leftKeys[index];
    if (!Object.prototype.propertyIsEnumerable.call(right, key)) return false;
    if (!structurallyEqual(left[key], right[key])) return false;
  }
  return true;
}

function setsEqual(left: Set<unknown>, right: Set<unknown>): boolean {
  if (left.size !== right.size) return false;
  for (const element of left) if (!right.has(element)) return false;
  return true;
}

function mapsEqual(left: Map<unknown, unknown>, right: Map<unknown, unknown>): boolean {
  if (left.size !== right.size) return false;
  for (const [key, value] of left) {
    if (!right.has(key) || !structurallyEqual(value, right.get(key))) return false;
  }
  return true;
}
