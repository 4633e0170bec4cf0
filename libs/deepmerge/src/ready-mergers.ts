import { Merger } from './merger';
import type { TypeStrategy } from './strategy-types';

// Python's list/dict/set strategies, plus Map `merge` as the counterpart of dict `merge`.
const DEFAULT_TYPE_STRATEGIES: readonly TypeStrategy[] = [
  [Array, 'append'],
  [Object, 'merge'],
  [Set, 'union'],
  [Map, 'merge'],
];

/** Always merges; on a type conflict, or for two values it can't merge, `next` wins. */
export const alwaysMerger = new Merger(DEFAULT_TYPE_STRATEGIES, ['override'], ['override']);

/** Merges what it can and throws InvalidMerge for anything else (type conflicts, two strings...). */
export const mergeOrRaise = new Merger(DEFAULT_TYPE_STRATEGIES, [], []);

/** Like alwaysMerger, but on a type conflict, or for two values it can't merge, `base` is kept. */
export const conservativeMerger = new Merger(DEFAULT_TYPE_STRATEGIES, ['use_existing'], ['use_existing']);

/** `alwaysMerger.mergeAll`: mutates and returns `base`. */
export const mergeAll: Merger['mergeAll'] = alwaysMerger.mergeAll.bind(alwaysMerger);

/** `alwaysMerger.merged`: merges copies, leaving every input untouched. */
export const merged: Merger['merged'] = alwaysMerger.merged.bind(alwaysMerger);
