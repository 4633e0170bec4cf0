/**
 * Static result types. They model the default strategies (those of `alwaysMerger`): arrays concatenate,
 * records and Maps merge key by key, Sets unite, and anything else, including a type conflict, yields
 * `next`. A Merger configured otherwise (`use_existing`, `intersect`, custom functions...) can return
 * values these types don't describe; annotate the result yourself in that case.
 *
 * Limits: TypeScript can't tell a class instance from a record structurally, so only functions, Dates,
 * RegExps, Promises and Errors are treated as opaque; an optional key of `next` may be absent at run
 * time, so its result type also admits `base`'s type.
 */
export type DeepMerged<Base, Next> = Base extends readonly unknown[]
  ? Next extends readonly unknown[]
    ? (Base[number] | Next[number])[]
    : Next
  : // Maps before Sets: a Map is structurally a ReadonlySet of its values, not the other way round.
    Base extends ReadonlyMap<infer BaseKey, infer BaseValue>
    ? Next extends ReadonlyMap<infer NextKey, infer NextValue>
      ? Map<BaseKey | NextKey, BaseValue | NextValue | DeepMerged<BaseValue, NextValue>>
      : Next
    : Base extends ReadonlySet<infer BaseElement>
      ? Next extends ReadonlyMap<unknown, unknown>
        ? Next
        : Next extends ReadonlySet<infer NextElement>
          ? Set<BaseElement | NextElement>
          : Next
      : Base extends Opaque
        ? Next
        : Base extends object
          ? Next extends Opaque
            ? Next
            : Next extends object
              ? MergedRecords<Base, Next>
              : Next
          : Next;

/** Folds DeepMerged over a list of values: `DeepMergedAll<[A, B, C]>` is `DeepMerged<DeepMerged<A, B>, C>`. */
export type DeepMergedAll<Values extends readonly unknown[]> = Values extends readonly [
  infer First,
  infer Second,
  ...infer Rest,
]
  ? DeepMergedAll<[DeepMerged<First, Second>, ...Rest]>
  : Values extends readonly [infer Only]
    ? Only
    : Values extends readonly []
      ? undefined
      : Values[number] | undefined;

type Opaque =
  | ((...args: never[]) => unknown)
  | Date
  | RegExp
  | Promise<unknown>
  | Error
  | readonly unknown[]
  | ReadonlySet<unknown>
  | ReadonlyMap<unknown, unknown>;

type IsOptionalKey<Record, Key extends keyof Record> =
  Pick<Record, Key> extends Required<Pick<Record, Key>> ? false : true;

type MergedRecords<Base, Next> = {
  [Key in keyof Base | keyof Next]: Key extends keyof Next
    ? Key extends keyof Base
      ? IsOptionalKey<Next, Key> extends true
        ? Base[Key] | DeepMerged<Base[Key], Exclude<Next[Key], undefined>>
        : DeepMerged<Base[Key], Next[Key]>
      : Next[Key]
    : Key extends keyof Base
      ? Base[Key]
      : never;
};
