import {
  alwaysMerger,
  conservativeMerger,
  mergeAll,
  merged,
  mergeOrRaise,
  type PlainRecord,
} from '@pets/deepmerge';

import { objectPrototypeKeys } from './helpers';

const PAYLOADS = [
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"prototype": {"polluted": true}}',
  '{"a": {"__proto__": {"polluted": true}}}',
  '{"a": {"b": {"constructor": {"prototype": {"polluted": true}}}}}',
  '{"list": [{"__proto__": {"polluted": true}}]}',
];

const parse = (json: string): PlainRecord => JSON.parse(json) as PlainRecord;

describe('prototype safety', () => {
  const prototypeKeysBefore = objectPrototypeKeys();

  afterEach(() => {
    // A failing case must not leak into the next one.
    delete (Object.prototype as PlainRecord).polluted;
  });

  function expectNoPollution(): void {
    expect(({} as PlainRecord).polluted).toBeUndefined();
    expect((Object.create(Object.prototype) as PlainRecord).polluted).toBeUndefined();
    expect(objectPrototypeKeys()).toEqual(prototypeKeysBefore);
    expect(Object.prototype.constructor).toBe(Object);
  }

  describe.each(PAYLOADS)('payload %s', (payload) => {
    it.each([
      ['alwaysMerger.merge', () => alwaysMerger.merge({ a: {}, list: [] }, parse(payload))],
      ['conservativeMerger.merge', () => conservativeMerger.merge({ a: { b: {} } }, parse(payload))],
      ['mergeOrRaise.merge', () => mergeOrRaise.merge({}, parse(payload))],
      ['mergeAll', () => mergeAll({}, parse(payload), parse(payload))],
      ['merged', () => merged({ a: {} }, parse(payload))],
      ['merged of the payload alone', () => merged(parse(payload))],
      ['a base holding the same keys', () => alwaysMerger.merge(parse(payload), parse(payload))],
      ['merged with a base holding the same keys', () => merged(parse(payload), parse(payload))],
    ])('%s does not pollute Object.prototype', (_label, run) => {
      const result = run() as PlainRecord;
      expectNoPollution();
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    });
  });

  it('skips the polluting keys of next when merging records', () => {
    const result = alwaysMerger.merge<PlainRecord, PlainRecord>(
      {},
      parse('{"__proto__": {"x": 1}, "constructor": 1, "ok": 1}'),
    );
    expect(Object.keys(result)).toEqual(['ok']);
  });

  it('keeps the polluting keys out of merged results, including copied base records', () => {
    const result = merged(parse('{"a": {"__proto__": {"x": 1}, "keep": 1}}'), {}) as PlainRecord;
    expect(Object.keys(result.a as PlainRecord)).toEqual(['keep']);
    expect(Object.getPrototypeOf(result.a)).toBe(Object.prototype);
  });

  it('uses own-property checks, so names inherited from Object.prototype count as absent', () => {
    // With `key in base` these keys would be "present", and conservativeMerger would keep the
    // inherited functions (copying them onto the record) instead of taking next's values.
    const result = conservativeMerger.merge<PlainRecord, PlainRecord>(
      {},
      { toString: 'mine', valueOf: { nested: true }, hasOwnProperty: 1 },
    );
    expect(Object.getOwnPropertyDescriptor(result, 'toString')?.value).toBe('mine');
    expect(Object.getOwnPropertyDescriptor(result, 'valueOf')?.value).toEqual({ nested: true });
    expect(Object.getOwnPropertyDescriptor(result, 'hasOwnProperty')?.value).toBe(1);
    expect(Object.prototype.toString.call({})).toBe('[object Object]');
    expectNoPollution();
  });

  it('is safe for null-prototype bases too', () => {
    const base = Object.create(null) as PlainRecord;
    alwaysMerger.merge(base, parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(base)).toBeNull();
    expect(Object.keys(base)).toEqual([]);
    expectNoPollution();
  });
});
