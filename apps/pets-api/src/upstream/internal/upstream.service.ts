import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { getLogger } from '@pets/logging';
import { UpstreamSettings } from '../../config/upstream.settings';
import { type UpstreamAnswer, UpstreamClient } from '../datasource/upstream.client';
import { LeanCircuitBreaker } from './lean-circuit-breaker';
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
  private readonly forwardRequestId: boolean;

  constructor(settings: UpstreamSettings) {
    const log = getLogger('upstream');
    this.client = new UpstreamClient(settings);
    this.forwardRequestId = settings.forwardRequestId;
    const retryAfterSeconds = Math.max(1, Math.ceil(settings.breakerResetMs / 1000));
    this.breaker = new LeanCircuitBreaker({
      failureRatio: 0.5,
      minimumCalls: 10,
      windowMs: 10_000,
      buckets: 10,
      resetMs: settings.breakerResetMs,
      refusal: () => new UpstreamUnavailableError(retryAfterSeconds),
    });
    this.breaker.onStateChange((state) => {
      if (state === 'open') log.error({ upstream: settings.url }, 'upstream circuit opened: failing fast');
      if (state === 'closed') log.info({ upstream: settings.url }, 'upstream circuit closed');
    });
  }

  /** One GET upstream; `reqId` goes along only with UPSTREAM_FORWARD_REQUEST_ID. */
  fetch(reqId?: string): Promise<UpstreamAnswer> {
    const forwarded = this.forwardRequestId ? reqId : undefined;
    // The client reports each answer to the breaker as it arrives (no promise around it).
    return this.breaker.runReporting((report) => this.client.get(forwarded, report));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
