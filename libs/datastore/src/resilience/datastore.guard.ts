import CircuitBreaker from 'opossum';
import type { Logger } from '@pets/logging';
import { DatastoreUnavailableError } from './datastore-unavailable.error';
import { isUnavailability } from './unavailability.classifier';

export interface DatastoreGuardOptions {
  /** Upper bound on a call, on top of the driver's own timeouts. */
  timeoutMs: number;
  /** How long the circuit stays open before a trial call. */
  resetMs: number;
  log: Logger;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Every datastore call of a process goes through one guard: a circuit breaker
 * that opens after repeated unavailability (so callers fail fast with 503
 * instead of piling onto a dead store), tries one call after `resetMs`, and
 * closes again by itself when the store answers.
 */
export class DatastoreGuard {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly retryAfterSeconds: number;

  constructor(private readonly options: DatastoreGuardOptions) {
    this.retryAfterSeconds = Math.max(1, Math.ceil(options.resetMs / 1000));
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      timeout: options.timeoutMs + 2_000,
      resetTimeout: options.resetMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      rollingCountTimeout: 10_000,
      rollingCountBuckets: 10,
      // Answers about the data (not found, conflicts, constraint violations) are not failures of the store.
      errorFilter: (error: unknown) => !isUnavailability(error),
    });
    this.breaker.on('open', () => options.log.error('datastore circuit opened: failing fast'));
    this.breaker.on('halfOpen', () => options.log.warn('datastore circuit half-open: trying one call'));
    this.breaker.on('close', () => options.log.info('datastore circuit closed: datastore answering again'));
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (error) {
      if (isOpenCircuit(error))
        throw new DatastoreUnavailableError(this.retryAfterSeconds, { reason: 'circuit open' });
      // The guard's own timeout (ETIMEDOUT) is an unavailability too.
      if (isUnavailability(error)) {
        throw new DatastoreUnavailableError(this.retryAfterSeconds, {
          cause: error,
          reason: (error as Error).message,
        });
      }
      throw error;
    }
  }

  get state(): CircuitState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}

function isOpenCircuit(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'EOPENBREAKER';
}
