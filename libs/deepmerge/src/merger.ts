import type { DeepMerged, DeepMergedAll } from './deep-merged.types';
import { InvalidStrategy } from './errors';
import { areRelatedInstances, kindOf } from './kind-of';
import type { MergePath } from './merge-path';
import { ResultCopier } from './result-copier';
import { ArrayStrategies } from './strategies/array.strategies';
import { FallbackStrategies } from './strategies/fallback.strategies';
import { MapStrategies } from './strategies/map.strategies';
import { RecordStrategies } from './strategies/record.strategies';
import { SetStrategies } from './strategies/set.strategies';
import { TypeConflictStrategies } from './strategies/type-conflict.strategies';
import { resolveStrategyChain, type StrategyChain } from './strategy-chain';
import type { FallbackStrategyList, TypeConflictStrategyList, TypeStrategy } from './strategy-types';

/**
 * Merges values according to strategies, as Python deepmerge's Merger: a `[Type, strategies]` list for
 * arrays, records, Sets and Maps, fallback strategies for two values of the same type that no type
 * strategy handles, and type-conflict strategies for values of different types.
 */
export class Merger {
  // Not readonly: the copying twin used by `merged` shares these chains (see copyingTwinOf).
  private arrayStrategies: StrategyChain | undefined;
  private recordStrategies: StrategyChain | undefined;
  private setStrategies: StrategyChain | undefined;
  private mapStrategies: StrategyChain | undefined;
  private fallbackStrategies: StrategyChain;
  private typeConflictStrategies: StrategyChain;
  /** Whether every strategy is a built-in, which lets `merged` copy lazily instead of up front. */
  private onlyBuiltIns: boolean;
  /** Set only on a copying twin, for the duration of one `merged` call. */
  private copier: ResultCopier | undefined;
  private copyingTwin: Merger | undefined;

  constructor(
    typeStrategies: readonly TypeStrategy[],
    fallbackStrategies: FallbackStrategyList,
    typeConflictStrategies: TypeConflictStrategyList,
  ) {
    this.fallbackStrategies = resolveStrategyChain('fallback', fallbackStrategies, FallbackStrategies);
    this.typeConflictStrategies = resolveStrategyChain(
      'type conflict',
      typeConflictStrategies,
      TypeConflictStrategies,
    );
    let onlyBuiltIns = this.fallbackStrategies.onlyBuiltIns && this.typeConflictStrategies.onlyBuiltIns;
    for (const typeStrategy of typeStrategies) {
      if (!Array.isArray(typeStrategy) || typeStrategy.length !== 2) {
        throw new InvalidStrategy(
          'type',
          typeStrategy,
          'Each type strategy must be a [Type, strategies] pair',
        );
      }
      const chain = this.addTypeStrategy(typeStrategy[0], typeStrategy[1]);
      onlyBuiltIns &&= chain.onlyBuiltIns;
    }
    this.onlyBuiltIns = onlyBuiltIns;
    this.copier = undefined;
    this.copyingTwin = undefined;
  }

  /**
   * Merges `next` into `base` and returns the result. Like the original this is destructive: records
   * and Maps are merged into `base` in place, and values taken from `next` are shared, not copied.
   */
  merge<Base, Next>(base: Base, next: Next): DeepMerged<Base, Next> {
    return this.valueStrategy([], base, next) as DeepMerged<Base, Next>;
  }

  /** `merge` applied left to right: each of `nexts` is merged into the running result. */
  mergeAll<Base, Nexts extends readonly unknown[]>(
    base: Base,
    ...nexts: Nexts
  ): DeepMergedAll<[Base, ...Nexts]> {
    let result: unknown = base;
    for (let index = 0; index < nexts.length; index++) {
      result = this.valueStrategy([], result, nexts[index]);
    }
    return result as DeepMergedAll<[Base, ...Nexts]>;
  }

  /**
   * Merges copies: every input is left untouched, and the result shares no array, record, Set, Map or
   * Date with any of them, so mutating the result can't reach an input. Class instances and functions
   * are kept by reference (they are opaque to the merger). Returns undefined for no values.
   */
  merged<Values extends readonly unknown[]>(...values: Values): DeepMergedAll<Values> {
    if (values.length === 0) return undefined as DeepMergedAll<Values>;
    return (
      this.onlyBuiltIns ? this.mergeCopyingOnTake(values) : this.mergeCopiesUpFront(values)
    ) as DeepMergedAll<Values>;
  }

  /** Python's `value_strategy`: picks the strategy list for the pair and runs it. */
  valueStrategy(path: MergePath, base: unknown, next: unknown): unknown {
    const kind = kindOf(base);
    if (
      kind !== kindOf(next) ||
      (kind === 'instance' && !areRelatedInstances(base as object, next as object))
    ) {
      return this.typeConflictStrategies.run(this, path, base, next);
    }
    let chain: StrategyChain | undefined;
    if (kind === 'record') chain = this.recordStrategies;
    else if (kind === 'array') chain = this.arrayStrategies;
    else if (kind === 'set') chain = this.setStrategies;
    else if (kind === 'map') chain = this.mapStrategies;
    return (chain ?? this.fallbackStrategies).run(this, path, base, next);
  }

  typeConflictStrategy(path: MergePath, base: unknown, next: unknown): unknown {
    return this.typeConflictStrategies.run(this, path, base, next);
  }

  /**
   * Built-in strategies pass every value they keep from `next` through here. During `merge` it is the
   * value itself; during `merged` it is a private deep copy, which is how the immutable result is built
   * in one pass instead of copying every input first.
   */
  takeFromNext(value: unknown): unknown {
    const copier = this.copier;
    return copier === undefined ? value : copier.copy(value);
  }

  /** As takeFromNext, for a Map key: one copy per original object, so keys still match across inputs. */
  takeKeyFromNext(key: unknown): unknown {
    const copier = this.copier;
    return copier === undefined ? key : copier.copyIdentity(key);
  }

  private addTypeStrategy(type: unknown, strategies: unknown): StrategyChain {
    // The first pair for a type wins, as Python's loop over type strategies returns on the first match.
    if (type === Array) {
      const chain = resolveStrategyChain('Array type', strategies, ArrayStrategies);
      this.arrayStrategies ??= chain;
      return chain;
    }
    if (type === Object) {
      const chain = resolveStrategyChain('Object type', strategies, RecordStrategies);
      this.recordStrategies ??= chain;
      return chain;
    }
    if (type === Set) {
      const chain = resolveStrategyChain('Set type', strategies, SetStrategies);
      this.setStrategies ??= chain;
      return chain;
    }
    if (type === Map) {
      const chain = resolveStrategyChain('Map type', strategies, MapStrategies);
      this.mapStrategies ??= chain;
      return chain;
    }
    const name = typeof type === 'function' && type.name !== '' ? type.name : String(type);
    throw new InvalidStrategy(
      'type',
      type,
      `Cannot handle type strategies for ${name}: use Array, Object, Set or Map`,
    );
  }

  /** Built-in strategies only: copy the first value, then copy from each next value what is kept. */
  private mergeCopyingOnTake(values: readonly unknown[]): unknown {
    let twin = (this.copyingTwin ??= Merger.copyingTwinOf(this));
    // A getter in the input could call `merged` again while the twin is busy; give that call its own.
    if (twin.copier !== undefined) twin = Merger.copyingTwinOf(this);
    const copier = new ResultCopier();
    twin.copier = copier;
    try {
      let result = copier.copy(values[0]);
      for (let index = 1; index < values.length; index++) {
        result = twin.valueStrategy([], result, values[index]);
      }
      return result;
    } finally {
      twin.copier = undefined;
    }
  }

  /**
   * With custom strategies nothing is known about what they keep or mutate, so they only ever see
   * copies. One copier for all values keeps Set elements and Map keys identical across them.
   */
  private mergeCopiesUpFront(values: readonly unknown[]): unknown {
    const copier = new ResultCopier();
    let result = copier.copy(values[0]);
    for (let index = 1; index < values.length; index++) {
      result = this.valueStrategy([], result, copier.copy(values[index]));
    }
    return result;
  }

  private static copyingTwinOf(source: Merger): Merger {
    const twin = new Merger([], [], []);
    twin.arrayStrategies = source.arrayStrategies;
    twin.recordStrategies = source.recordStrategies;
    twin.setStrategies = source.setStrategies;
    twin.mapStrategies = source.mapStrategies;
    twin.fallbackStrategies = source.fallbackStrategies;
    twin.typeConflictStrategies = source.typeConflictStrategies;
    twin.onlyBuiltIns = source.onlyBuiltIns;
    return twin;
  }
}
