import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  /** The request id: the caller's `x-request-id` when well-formed, else a new id (see requestIdFrom). */
  readonly reqId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` so that every log line written during it, by any module, carries `reqId`. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Makes `context` current for the rest of this execution and what it starts
 * (cheaper than `runInRequestContext` for a hook that continues with `done`).
 */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
