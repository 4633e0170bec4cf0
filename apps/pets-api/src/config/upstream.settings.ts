import { Env, asBoolean, asNumber } from '@pets/config';
import { IsBoolean, IsInt, IsUrl, Max, Min } from '@pets/validation';

/** The HTTP server behind GET /v1/upstream (the articles' nginx). */
export class UpstreamSettings {
  @Env('UPSTREAM_URL')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url = 'http://127.0.0.1:8080/';

  /** Until the upstream's response headers arrive, and between body chunks. */
  @Env('UPSTREAM_TIMEOUT_MS', asNumber)
  @IsInt()
  @Min(10)
  @Max(120_000)
  timeoutMs = 2_000;

  /** Keep-alive connections per API process. */
  @Env('UPSTREAM_CONNECTIONS', asNumber)
  @IsInt()
  @Min(1)
  @Max(4_096)
  connections = 256;

  /** How long the circuit stays open before a trial request. */
  @Env('UPSTREAM_BREAKER_RESET_MS', asNumber)
  @IsInt()
  @Min(100)
  @Max(600_000)
  breakerResetMs = 2_000;

  /**
   * Send each request's id upstream as x-request-id, so that the upstream's
   * logs can be joined with ours. Off by default: undici checks and writes
   * the header on every call, 3% of the route's CPU per request (side by
   * side, `npm run bench:side-by-side -- --variants api-2,api-2@<a build
   * that forwards>`), and an upstream outside the platform has no use for
   * our ids. Responses carry the id either way.
   */
  @Env('UPSTREAM_FORWARD_REQUEST_ID', asBoolean)
  @IsBoolean()
  forwardRequestId = false;
}
