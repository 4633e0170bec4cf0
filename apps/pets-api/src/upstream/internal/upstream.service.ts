import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { getLogger } from '@pets/logging';
import { UpstreamSettings } from '../../config/upstream.settings';
import { type UpstreamAnswer, UpstreamClient } from '../datasource/upstream.client';
import { CircuitOpenError, LeanCircuitBreaker } from './lean-circuit-breaker';
import { UpstreamUnavailableError } from './upstream.errors';

/**
 * The articles' benchmark route: one GET to the upstream, answered as
 * `{ status, length }`. A circuit breaker stops sending to an upstream that
 * keeps failing and tries again after UPSTREAM_BREAKER_RESET_MS. Timeouts are
 * undici's (per request; the breaker adds no timer of its own).
 */
@Injectable()
export class UpstreamService implements OnApplicationShutdown {
  private readonly client: UpstreamClient;
  private readonly breaker: LeanCircuitBreaker;
  private readonly retryAfterSeconds: number;

  constructor(settings: UpstreamSettings) {
    const log = getLogger('upstream');
    this.client = new UpstreamClient(settings);
    this.retryAfterSeconds = Math.max(1, Math.ceil(settings.breakerResetMs / 1000));
    this.breaker = new LeanCircuitBreaker({
      failureRatio: 0.5,
      minimumCalls: 10,
      windowMs: 10_000,
      buckets: 10,
      resetMs: settings.breakerResetMs,
    });
    this.breaker.onStateChange((state) => {
      if (state === 'open') log.error({ upstream: settings.url }, 'upstream circuit opened: failing fast');
      if (state === 'closed') log.info({ upstream: settings.url }, 'upstream circuit closed');
    });
  }

  async fetch(reqId?: string): Promise<UpstreamAnswer> {
    try {
      return await this.breaker.run(() => this.client.get(reqId));
    } catch (error) {
      if (error instanceof CircuitOpenError) throw new UpstreamUnavailableError(this.retryAfterSeconds);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
