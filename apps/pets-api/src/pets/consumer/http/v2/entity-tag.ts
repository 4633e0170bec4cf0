import type { VersionPrecondition } from '../../../internal/pet';
import { HttpProblem } from '../../../../http/problem/problem-details';

/** The strong entity tag of a pet version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

const ENTITY_TAG = /^\s*(W\/)?"([^"]*)"\s*$/;

/**
 * If-Match as a version precondition (RFC 9110 §13.1.1, strong comparison):
 * `*` accepts any current version; weak tags never match; a header that is
 * not a list of entity tags is a 400.
 */
export function preconditionFromIfMatch(header: string | undefined): VersionPrecondition | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return { anyVersion: true };
  const versions: number[] = [];
  for (const part of header.split(',')) {
    const match = ENTITY_TAG.exec(part);
    if (!match) {
      throw new HttpProblem(400, 'If-Match must be "*" or a list of entity tags such as "3".', {
        errors: [{ path: 'If-Match', message: 'must be "*" or a list of entity tags' }],
      });
    }
    if (!match[1] && /^\d{1,9}$/.test(match[2])) versions.push(Number(match[2]));
  }
  return { versions };
}

/** True when If-None-Match names the current version (or is `*`): the client's copy is fresh. */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): W/"3" matches "3".
  return header.split(',').some((part) => ENTITY_TAG.exec(part)?.[2] === String(version));
}
