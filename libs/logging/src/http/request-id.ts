import { randomUUID } from 'node:crypto';

// Printable, bounded, no separators that would break log parsing: anything
// else from the caller is replaced by a fresh id rather than echoed back.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The caller's request id when it is safe to keep, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
}
