import { errors, Pool } from 'undici';
import type { UpstreamSettings } from '../../config/upstream.settings';
import { UpstreamFailedError, UpstreamTimeoutError } from '../internal/upstream.errors';

export interface UpstreamAnswer {
  status: number;
  /** Bytes in the body. */
  length: number;
}

/**
 * One keep-alive connection pool to the upstream per process, created when
 * the process starts serving (never before a fork), closed at shutdown.
 */
export class UpstreamClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly settings: UpstreamSettings) {
    const url = new URL(settings.url);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, {
      connections: settings.connections,
      pipelining: 1,
      connect: { timeout: settings.timeoutMs },
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      keepAliveTimeout: 30_000,
    });
  }

  /** One GET; `reqId` goes along as x-request-id, so the upstream's logs (and undici's) can be joined with ours. */
  async get(reqId?: string): Promise<UpstreamAnswer> {
    try {
      const { statusCode, body } = await this.pool.request({
        path: this.path,
        method: 'GET',
        headers: reqId === undefined ? undefined : { 'x-request-id': reqId },
      });
      let length = 0;
      for await (const chunk of body) length += (chunk as Buffer).length;
      if (statusCode >= 500) throw new UpstreamFailedError(`answered ${statusCode}`);
      return { status: statusCode, length };
    } catch (error) {
      if (error instanceof UpstreamFailedError) throw error;
      if (
        error instanceof errors.HeadersTimeoutError ||
        error instanceof errors.BodyTimeoutError ||
        error instanceof errors.ConnectTimeoutError
      ) {
        throw new UpstreamTimeoutError(this.settings.timeoutMs);
      }
      throw new UpstreamFailedError((error as Error).message, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
