import type { Logger } from 'pino';

/** What one access line says about a request that was answered. */
export interface AnsweredRequest {
  reqId: string;
  method: string;
  url: string;
  /** The route template (`/v1/pets/:id`), when a route matched. */
  route: string | undefined;
  status: number;
  /** From the request's arrival to its answer. */
  ms: number;
}

/**
 * One access line (module `access`): `info`, or `error` for a 5xx. The level
 * is checked before the line's object is built, so a server whose access
 * log is turned down pays one check per request.
 */
export function logAnsweredRequest(access: Logger, answered: AnsweredRequest): void {
  const level = answered.status >= 500 ? 'error' : 'info';
  if (!access.isLevelEnabled(level)) return;
  access[level]({ ...answered, ms: Math.round(answered.ms * 100) / 100 }, 'request completed');
}
