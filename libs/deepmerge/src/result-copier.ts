import type { PlainRecord } from './kind-of';
import { isPrototypePollutingKey } from './prototype-safety';
import { enumerableOwnSymbols } from './record-keys';

/**
 * Deep copies for `merged`, one instance per call. Arrays, plain records, Sets, Maps and Dates are
 * copied; other class instances and functions are kept as they are, since there is no general way to
 * clone them (the same reason they are not merged structurally).
 *
 * Set elements and Map keys are different: their identity is what the collection is about, so an
 * object appearing in two inputs must become one and the same copy, or `union` would keep both and
 * `intersect` would drop it. Those copies are remembered per original for the whole call.
 */
/** Above this many keys a record is copied by a loop rather than by spreading (see copySmallRecord). */
const SPREAD_COPY_MAX_KEYS = 64;

export class ResultCopier {
  private identityCopies: Map<object, unknown> | undefined;

  copy(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return this.copyArray(value);
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) {
      return this.copyRecord(value as PlainRecord, prototype);
    }
    if (value instanceof Set) return this.copySet(value);
    if (value instanceof Map) return this.copyMap(value);
    if (prototype === Date.prototype) return new Date((value as Date).getTime());
    return value;
  }

  /** Copies a Set element or Map key so that equal identities stay equal across the inputs. */
  copyIdentity(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const copies = (this.identityCopies ??= new Map());
    if (copies.has(value)) return copies.get(value);
    const copied = this.copy(value);
    copies.set(value, copied);
    return copied;
  }

  private copyArray(source: unknown[]): unknown[] {
    // slice() is a bulk copy; only the object elements then need a second look.
    const copied = source.slice();
    for (let index = 0; index < copied.length; index++) {
      const element = copied[index];
      if (typeof element === 'object' && element !== null) copied[index] = this.copy(element);
    }
    return copied;
  }

  private copyRecord(source: PlainRecord, prototype: object | null): PlainRecord {
    const keys = Object.keys(source);
    const copied =
      prototype !== null && keys.length <= SPREAD_COPY_MAX_KEYS
        ? this.copySmallRecord(source, keys)
        : this.copyRecordByKeys(source, prototype, keys);
    const symbols = enumerableOwnSymbols(source);
    if (symbols !== undefined) {
      for (let index = 0; index < symbols.length; index++) {
        copied[symbols[index]] = this.copy(source[symbols[index]]);
      }
    }
    return copied;
  }

  /**
   * Spreading clones a small record's shape in one step (V8 fast-paths it), leaving only the object
   * values to replace. It defines rather than assigns, so an own "__proto__" key is a plain key here,
   * and is deleted like the other polluting keys.
   */
  private copySmallRecord(source: PlainRecord, keys: readonly string[]): PlainRecord {
    const copied: PlainRecord = { ...source };
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const value = source[key];
      if (isPrototypePollutingKey(key)) delete copied[key];
      else if (typeof value === 'object' && value !== null) copied[key] = this.copy(value);
    }
    return copied;
  }

  /** Large records are in dictionary mode, where spreading is slower than this loop. */
  private copyRecordByKeys(
    source: PlainRecord,
    prototype: object | null,
    keys: readonly string[],
  ): PlainRecord {
    const copied: PlainRecord = prototype === null ? (Object.create(null) as PlainRecord) : {};
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      if (isPrototypePollutingKey(key)) continue;
      const value = source[key];
      copied[key] = typeof value === 'object' && value !== null ? this.copy(value) : value;
    }
    return copied;
  }

  private copySet(source: Set<unknown>): Set<unknown> {
    const copied = new Set<unknown>();
    for (const element of source) copied.add(this.copyIdentity(element));
    return copied;
  }

  private copyMap(source: Map<unknown, unknown>): Map<unknown, unknown> {
    const copied = new Map<unknown, unknown>();
    for (const [key, value] of source) copied.set(this.copyIdentity(key), this.copy(value));
    return copied;
  }
}
