/**
 * Keys that are never copied from one record into another. Assigning `__proto__` swaps the target's
 * prototype, and `constructor` / `prototype` are the stepping stones of the classic
 * `{"constructor": {"prototype": {...}}}` pollution payload; a configuration key with one of these
 * names is far more likely to be an attack than a setting, so they are dropped rather than merged.
 */
export function isPrototypePollutingKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
