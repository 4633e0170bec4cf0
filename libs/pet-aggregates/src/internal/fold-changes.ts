import type { PetChange, TagLocationDelta } from './pet-change';

/**
 * Folds a batch of changes into one delta per (tag, location): each change
 * takes the pet out of its old place for each old tag and puts it in its new
 * place for each new tag. A batch of 10,000 moves becomes a few thousand
 * increments; pairs that cancel out are dropped.
 */
export function foldChanges(changes: Iterable<PetChange>): TagLocationDelta[] {
  const deltas = new Map<string, number>();
  const add = (tag: string, location: string, amount: number): void => {
    // NUL cannot appear in a tag or a location, so it separates the two unambiguously.
    const key = `${tag}\u0000${location}`;
    deltas.set(key, (deltas.get(key) ?? 0) + amount);
  };
  for (const change of changes) {
    if (change.before) for (const tag of change.before.tags) add(tag, change.before.location, -1);
    if (change.after) for (const tag of change.after.tags) add(tag, change.after.location, 1);
  }
  const result: TagLocationDelta[] = [];
  for (const [key, delta] of deltas) {
    if (delta === 0) continue;
    const separator = key.indexOf('\u0000');
    result.push({ tag: key.slice(0, separator), location: key.slice(separator + 1), delta });
  }
  return result;
}
