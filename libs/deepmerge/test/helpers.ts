/** Test helpers, written without the library so that they can judge it. */

/** Freezes a value and everything reachable from it (Set elements and Map keys/values included). */
export function deepFreeze<T>(value: T): T {
  visitObjects(value, (object) => Object.freeze(object));
  return value;
}

/** Every object (arrays, records, Sets, Maps, Dates...) reachable from `value`, `value` included. */
export function reachableObjects(value: unknown): Set<object> {
  const found = new Set<object>();
  visitObjects(value, (object) => found.add(object));
  return found;
}

function visitObjects(value: unknown, visit: (object: object) => void, seen = new Set<object>()): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
  seen.add(value);
  visit(value);
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      visitObjects(key, visit, seen);
      visitObjects(entry, visit, seen);
    }
  } else if (value instanceof Set) {
    for (const element of value) visitObjects(element, visit, seen);
  } else {
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor) visitObjects(descriptor.value, visit, seen);
    }
  }
}

/**
 * A deep copy that, unlike structuredClone, keeps null prototypes and array holes, so that a
 * before/after comparison of arbitrary fast-check values is exact.
 */
export function snapshot<T>(value: T): T {
  return snapshotOf(value) as T;
}

function snapshotOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Set) return new Set([...value].map(snapshotOf));
  if (value instanceof Map)
    return new Map([...value].map(([key, entry]) => [snapshotOf(key), snapshotOf(entry)]));
  if (Array.isArray(value)) {
    const copied = new Array<unknown>(value.length);
    for (const key of Object.keys(value)) copied[Number(key)] = snapshotOf((value as unknown[])[Number(key)]);
    return copied;
  }
  const copied = Object.create(Object.getPrototypeOf(value) as object | null) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    Object.defineProperty(copied, key, {
      value: snapshotOf((value as Record<PropertyKey, unknown>)[key]),
      enumerable: Object.prototype.propertyIsEnumerable.call(value, key),
      writable: true,
      configurable: true,
    });
  }
  return copied;
}

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The model of what a record copy keeps: everything but the three prototype-polluting keys. */
export function withoutPollutingKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPollutingKeys);
  if (typeof value !== 'object' || value === null) return value;
  const result = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (POLLUTING_KEYS.has(key)) continue;
    result[key] = withoutPollutingKeys((value as Record<string, unknown>)[key]);
  }
  return result;
}

/** Names of Object.prototype's own properties, to check that nothing was added to it. */
export function objectPrototypeKeys(): string[] {
  return Reflect.ownKeys(Object.prototype).map(String).sort();
}
