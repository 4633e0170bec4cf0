import { isDeepStrictEqual } from 'node:util';

import * as fc from 'fast-check';

import { alwaysMerger, conservativeMerger, Merger, merged, type PlainRecord } from '@pets/deepmerge';

import { deepFreeze, objectPrototypeKeys, reachableObjects, snapshot, withoutPollutingKeys } from './helpers';

// Few distinct keys so that records overlap often; the polluting names are in the mix on purpose.
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', 'prototype'),
  fc.string({ maxLength: 3 }),
);

const { record } = fc.letrec<{ value: unknown; record: PlainRecord }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.string({ maxLength: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }),
    tie('record'),
  ),
  record: fc.dictionary(key, tie('value'), { maxKeys: 5, noNullPrototype: true }),
}));

const jsonRecord = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }), { noNullPrototype: true });

const anyValue = fc.anything({
  maxDepth: 3,
  // Valid Dates only: an invalid Date never deep-equals itself (NaN time), which would fail the
  // before/after comparison for reasons that have nothing to do with merging.
  values: [
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
  ],
  withSet: true,
  withMap: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBigInt: true,
});

const smallSet = fc
  .array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b')), { maxLength: 8 })
  .map((elements) => new Set<unknown>(elements));

const isRecord = (value: unknown): value is PlainRecord =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

const POLLUTING = new Set(['__proto__', 'constructor', 'prototype']);
const safeKeys = (value: PlainRecord): string[] => Object.keys(value).filter((name) => !POLLUTING.has(name));

describe('properties', () => {
  it('use_existing never changes a value base already has', () => {
    const keepExisting = new Merger([[Object, 'merge']], ['use_existing'], ['use_existing']);
    const expectKept = (before: PlainRecord, after: PlainRecord): void => {
      for (const name of Object.keys(before)) {
        const [was, is] = [before[name], after[name]];
        if (isRecord(was) && isRecord(is)) expectKept(was, is);
        else expect(is).toStrictEqual(was);
      }
    };
    fc.assert(
      fc.property(record, record, (base, next) => {
        const before = snapshot(base);
        expectKept(before, keepExisting.merge(base, next));
      }),
    );
  });

  it('Set union is commutative (as sets)', () => {
    const union = new Merger([[Set, 'union']], [], []);
    fc.assert(
      fc.property(smallSet, smallSet, (left, right) => {
        const leftFirst = union.merge(left, right);
        const rightFirst = union.merge(right, left);
        expect(leftFirst.size).toBe(rightFirst.size);
        for (const element of leftFirst) expect(rightFirst.has(element)).toBe(true);
      }),
    );
  });

  it('Set intersect is a subset of both inputs, and is their whole intersection', () => {
    const intersect = new Merger([[Set, 'intersect']], [], []);
    fc.assert(
      fc.property(smallSet, smallSet, (left, right) => {
        const result = intersect.merge(left, right);
        for (const element of result) {
          expect(left.has(element)).toBe(true);
          expect(right.has(element)).toBe(true);
        }
        for (const element of left) if (right.has(element)) expect(result.has(element)).toBe(true);
      }),
    );
  });

  it('merged never mutates its inputs and shares no object with them', () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, (first, second, third) => {
        const inputs = [first, second, third];
        const before = snapshot(inputs);
        deepFreeze(inputs);

        const result = merged(first, second, third);

        expect(isDeepStrictEqual(inputs, before)).toBe(true);
        const inputObjects = reachableObjects(inputs);
        for (const object of reachableObjects(result)) expect(inputObjects.has(object)).toBe(false);
      }),
    );
  });

  it('merged(x, {}) and merged({}, x) deep-equal x for JSON-like records (polluting keys aside)', () => {
    fc.assert(
      fc.property(jsonRecord, (value) => {
        const expected = withoutPollutingKeys(value);
        expect(merged(value, {})).toStrictEqual(expected);
        expect(merged({}, value)).toStrictEqual(expected);
      }),
    );
  });

  it('append and prepend keep every element: length is the sum of lengths', () => {
    const prepend = new Merger([[Array, 'prepend']], [], []);
    fc.assert(
      fc.property(fc.array(fc.anything()), fc.array(fc.anything()), (base, next) => {
        const appended = alwaysMerger.merge(base, next);
        expect(appended).toHaveLength(base.length + next.length);
        appended.forEach((element, index) =>
          expect(Object.is(element, index < base.length ? base[index] : next[index - base.length])).toBe(
            true,
          ),
        );
        expect(prepend.merge(base, next)).toHaveLength(base.length + next.length);
      }),
    );
  });

  it('record merge keeps every key of both inputs', () => {
    fc.assert(
      fc.property(record, record, (base, next) => {
        const expectedKeys = new Set([...Object.keys(base), ...safeKeys(next)]);
        const fromMerged = merged(base, next);
        const fromMerge = conservativeMerger.merge(base, next);
        for (const name of expectedKeys) {
          expect(Object.hasOwn(fromMerge, name)).toBe(true);
          if (!POLLUTING.has(name)) expect(Object.hasOwn(fromMerged, name)).toBe(true);
        }
      }),
    );
  });

  it('merged equals merge applied to copies without polluting keys', () => {
    // merge shares what it takes from next as is (own "__proto__" data keys included, which is
    // harmless); merged copies, and its copies never carry those keys.
    const sanitizedCopy = (value: PlainRecord): PlainRecord => withoutPollutingKeys(value) as PlainRecord;
    fc.assert(
      fc.property(record, record, record, (first, second, third) => {
        const expected = alwaysMerger.mergeAll(
          sanitizedCopy(first),
          sanitizedCopy(second),
          sanitizedCopy(third),
        );
        expect(merged(first, second, third)).toStrictEqual(expected);
      }),
    );
  });

  it('no input can pollute Object.prototype', () => {
    const prototypeKeys = objectPrototypeKeys();
    fc.assert(
      fc.property(record, record, (base, next) => {
        const json = (value: unknown): PlainRecord => JSON.parse(JSON.stringify(value)) as PlainRecord;
        alwaysMerger.merge(json(base), json(next));
        merged(json(base), json(next));
        expect(({} as PlainRecord).polluted).toBeUndefined();
        expect(objectPrototypeKeys()).toEqual(prototypeKeys);
      }),
    );
  });
});
