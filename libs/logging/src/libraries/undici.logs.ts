import { subscribe } from 'node:diagnostics_channel';
import type { LoggerRegistry } from '../logger.registry';

interface ConnectEvent {
  connectParams: { host: string; port?: string | number; protocol: string };
  error?: Error;
}
interface RequestEvent {
  request: { method: string; origin: string; path: string; headers?: unknown };
  response?: { statusCode: number };
  error?: Error;
}

let forwarded = false;

/**
 * The request id an outgoing request carries (the API sends x-request-id
 * upstream when UPSTREAM_FORWARD_REQUEST_ID is on): library lines get their
 * reqId from it, with no request context.
 */
function reqIdOf(request: RequestEvent['request']): string | undefined {
  const headers = request.headers;
  if (!Array.isArray(headers)) return undefined;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === 'x-request-id') return String(headers[i + 1]);
  }
  return undefined;
}

/**
 * Forwards undici's diagnostics-channel events (the HTTP client's own log
 * points) to the `undici` module logger. Per-request channels are subscribed
 * only when that module logs at debug: an idle channel costs undici nothing,
 * a subscribed one costs on every request.
 */
export function forwardUndiciLogs(registry: LoggerRegistry): void {
  if (forwarded) return;
  forwarded = true;
  const log = registry.forModule('undici');
  const where = ({ connectParams: c }: ConnectEvent) =>
    `${c.protocol}//${c.host}${c.port ? `:${c.port}` : ''}`;

  subscribe('undici:client:connectError', (message) => {
    const event = message as ConnectEvent;
    log.warn({ upstream: where(event), err: event.error }, 'connection failed');
  });
  if (log.isLevelEnabled('debug')) {
    subscribe('undici:client:connected', (message) => {
      log.debug({ upstream: where(message as ConnectEvent) }, 'connected');
    });
    subscribe('undici:request:error', (message) => {
      const { request, error } = message as RequestEvent;
      log.debug(
        { reqId: reqIdOf(request), method: request.method, url: request.origin + request.path, err: error },
        'request failed',
      );
    });
  }
  if (log.isLevelEnabled('trace')) {
    subscribe('undici:request:headers', (message) => {
      const { request, response } = message as RequestEvent;
      log.trace(
        { method: request.method, url: request.origin + request.path, status: response?.statusCode },
        'response',
      );
    });
  }
}
