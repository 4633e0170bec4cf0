/**
 * Own enumerable symbol keys, or undefined when there are none (the common case, kept allocation-free
 * for callers). Records can carry symbol-keyed settings; `Object.keys` does not list them,
 * and non-enumerable ones are internals that a merge should not copy.
 */
export function enumerableOwnSymbols(record: object): symbol[] | undefined {
  const symbols = Object.getOwnPropertySymbols(record);
  if (symbols.length === 0) return undefined;
  const enumerable: symbol[] = [];
  for (let index = 0; index < symbols.length; index++) {
    if (Object.prototype.propertyIsEnumerable.call(record, symbols[index])) enumerable.push(symbols[index]);
  }
  return enumerable.length === 0 ? undefined : enumerable;
}
