/**
 * The datastore cannot serve the call now: down, unreachable, timing out, or
 * the circuit is open after repeated failures. Callers answer 503 with
 * Retry-After rather than waiting on a store that is not there.
 */
export class DatastoreUnavailableError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(`datastore unavailable${options?.reason ? `: ${options.reason}` : ''}`, { cause: options?.cause });
    this.name = 'DatastoreUnavailableError';
  }
}
