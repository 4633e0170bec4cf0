import { isUUID } from '@pets/validation';
import type { PetId } from '../../../internal/pet';
import { validationProblem } from '../../../../http/problem/problem-details';

// Cursors are opaque to clients (so the paging key can change without a new
// API version) and checked on the way back in: a forged cursor is a 400.

export function encodeCursor(after: PetId | undefined): string | null {
  return after === undefined ? null : Buffer.from(JSON.stringify({ after })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): PetId | undefined {
  if (cursor === undefined) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const after = (decoded as { after?: unknown } | null)?.after;
    if (typeof after === 'string' && isUUID(after)) return after;
  } catch {
    // Not base64url JSON: falls through to the 400 below.
  }
  throw validationProblem([{ path: 'cursor', message: 'is not a cursor this API issued' }]);
}
