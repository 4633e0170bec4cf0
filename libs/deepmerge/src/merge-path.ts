import { describeType } from './kind-of';

/** Keys from the root to the value being merged: record keys (strings or symbols) and Map keys. */
export type MergePath = readonly unknown[];

/**
 * A new path one key deeper. Each recursion gets its own array, as Python's `path + [k]` does, because a
 * custom strategy may keep the path it was given.
 */
export function childPath(path: MergePath, key: unknown): unknown[] {
  const length = path.length;
  const child = new Array<unknown>(length + 1);
  for (let index = 0; index < length; index++) child[index] = path[index];
  child[length] = key;
  return child;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renders a path the way one would write the access in JavaScript, e.g. `a.b[2]` or `a["x y"]`. */
export function formatPath(path: MergePath): string {
  if (path.length === 0) return '(root)';
  let rendered = '';
  for (let index = 0; index < path.length; index++) {
    rendered += formatSegment(path[index], index === 0);
  }
  return rendered;
}

function formatSegment(key: unknown, isFirst: boolean): string {
  switch (typeof key) {
    case 'string':
      if (IDENTIFIER.test(key)) return isFirst ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    case 'number':
      return `[${key}]`;
    case 'bigint':
      return `[${key}n]`;
    case 'symbol':
      return `[${key.toString()}]`;
    case 'boolean':
    case 'undefined':
      return `[${String(key)}]`;
    default:
      // Object Map keys have no useful literal form; say what they are instead.
      return key === null ? '[null]' : `[<${describeType(key)}>]`;
  }
}
