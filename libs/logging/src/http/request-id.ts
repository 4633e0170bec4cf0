import hyperid from 'hyperid';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A random 128-bit base, made when the process starts, and a counter:
 * `UEJVlM1IRA-ltl3lZYKURw-0`, `...-1`. Unique across processes and restarts
 * like a UUID, at a quarter of randomUUID's cost, and a shorter string to
 * check and write on the response and the upstream request. It needs no
 * fork-safety: every API worker is its own Node process and loads this anew.
 */
const nextRequestId = hyperid({ urlSafe: true });

/** The caller's request id when it is safe to keep, otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : nextRequestId();
}
