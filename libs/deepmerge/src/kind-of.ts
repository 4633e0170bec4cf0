/**
 * The categories the merger reasons about. Python asks `isinstance(base, type(nxt))`; in JavaScript a
 * `typeof` result alone is too coarse (arrays, records, Sets and `null` are all "object") and a
 * constructor check alone is too fine (a JSON record and an `Object.create(null)` record are the same
 * thing to a config author), so values are first sorted into these kinds.
 */
export type ValueKind =
  | 'undefined'
  | 'null'
  | 'boolean'
  | 'number'
  | 'bigint'
  | 'string'
  | 'symbol'
  | 'function'
  | 'array'
  | 'record'
  | 'set'
  | 'map'
  | 'instance';

/** A plain record: its prototype is `Object.prototype` or `null`. */
export type PlainRecord = Record<PropertyKey, unknown>;

export function kindOf(value: unknown): ValueKind {
  const type = typeof value;
  if (type !== 'object') return type;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'record';
  if (value instanceof Set) return 'set';
  if (value instanceof Map) return 'map';
  return 'instance';
}

/**
 * Mirrors Python's `isinstance(base, type(nxt)) or isinstance(nxt, type(base))` for class instances:
 * a `Date` and a `Date` (or a subclass of it) are the same type, a `Date` and a `RegExp` are not.
 */
export function areRelatedInstances(base: object, next: object): boolean {
  const basePrototype = Object.getPrototypeOf(base) as object;
  const nextPrototype = Object.getPrototypeOf(next) as object;
  return (
    basePrototype === nextPrototype ||
    Object.prototype.isPrototypeOf.call(nextPrototype, base) ||
    Object.prototype.isPrototypeOf.call(basePrototype, next)
  );
}

/** A short human-readable name of a value's type, for error messages. */
export function describeType(value: unknown): string {
  const kind = kindOf(value);
  switch (kind) {
    case 'set':
      return 'Set';
    case 'map':
      return 'Map';
    case 'instance': {
      const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof constructorName === 'string' && constructorName !== '' ? constructorName : 'object';
    }
    default:
      return kind;
  }
}
