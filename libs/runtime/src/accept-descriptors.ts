import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { Server } from 'node:net';
import { extname, join } from 'node:path';

/**
 * Descriptors of the listening socket a worker polls unless told otherwise:
 * the API's API_ACCEPT_DESCRIPTORS default and the bench's reference servers'.
 * Eight kept every p99 of a burst of 400 new connections under 170 ms here,
 * where one put four runs of nine over 200 ms (README.md, Benchmarks).
 */
export const DEFAULT_ACCEPT_DESCRIPTORS = 8;

// The IPC messages of the exchange (one request, then one grant per descriptor).
const REQUEST = 'pets:accept-descriptors-request';
const GRANT = 'pets:accept-descriptor';

interface DescriptorsRequest {
  type: typeof REQUEST;
  count: number;
}

/** A libuv TCP handle, as node:net keeps it in `_handle` and child_process sends it. */
interface NativeHandle {
  close(): void;
}

/**
 * In the primary of workers that each accept their own connections
 * (`SCHED_NONE`): answers a worker's request for more descriptors of its
 * listening socket by sending the worker's socket back to it `count` times.
 * Each copy that crosses the IPC channel arrives as a descriptor of its own;
 * the primary keeps none of them (it closes its copy once every grant is
 * sent) and never listens on one, so it accepts no connection itself.
 */
export function serveAcceptDescriptors(): void {
  cluster.on('message', (worker, message: DescriptorsRequest, handle?: NativeHandle) => {
    if (message?.type !== REQUEST || handle === undefined) return;
    grantCopies(handle, message.count, (grant, sent) => worker.send(grant, handle as never, sent));
  });
}

/**
 * In the helper that acceptFromMoreDescriptors starts for a process that is
 * no cluster worker (`accept-descriptors.helper.main`): answers its parent's
 * one request as the primary answers a worker's, then lets the process exit
 * once the parent disconnects (or dies).
 */
export function serveAcceptDescriptorsToParent(): void {
  let answered = false;
  // 'on', not 'once': a child's IPC channel stays referenced only while it has a
  // listener, and the copies after the first wait in the channel's queue for the
  // parent's acknowledgement.
  process.on('message', (message: DescriptorsRequest, handle?: NativeHandle) => {
    if (answered || message?.type !== REQUEST || handle === undefined) {
      handle?.close();
      return;
    }
    answered = true;
    grantCopies(handle, message.count, (grant, sent) => process.send!(grant, handle as never, sent));
  });
}

/** Sends `handle` back `count` times, then closes this process's copy of it. */
function grantCopies(
  handle: NativeHandle,
  count: number,
  send: (grant: { type: typeof GRANT }, sent: () => void) => void,
): void {
  if (!(count > 0)) return handle.close();
  let unsent = count;
  const sent = (): void => {
    if (--unsent === 0) handle.close();
  };
  for (let i = 0; i < count; i++) send({ type: GRANT }, sent);
}

/**
 * Once `server` listens: `count` more descriptors of its listening socket,
 * each polled by this process's event loop, whose connections `server`
 * serves as if it had accepted them itself (its 'connection' event).
 *
 * Why: Node 20's libuv accepts one connection per descriptor per event-loop
 * iteration (`strace`: one `accept4` between two `epoll_pwait`, never a
 * second one), and a loaded iteration lasts 20-50 ms on a 2-core machine. A
 * burst of 400 new connections (the articles' benchmark; a rollout; a client
 * pool reconnecting) then waits up to a second in the accept queue, and
 * wrk's correction for coordinated omission turns those waits into its p99.
 * With one more `accept4` per descriptor per iteration the queue empties that
 * many times faster; measured: see README.md, Benchmarks.
 *
 * Node 20 has no `reusePort` for TCP (22.12 has), and a process cannot
 * duplicate a descriptor from JavaScript, but every handle sent over an IPC
 * channel arrives as a new descriptor. A cluster worker sends its socket to
 * the primary, which sends it back (serveAcceptDescriptors). A process of its
 * own (API_WORKERS=1: each pod in Kubernetes) sends it to a helper it starts
 * for the purpose, which sends it back and exits; the helper holds nothing
 * else and exits with its parent, should that die first.
 *
 * Closing `server` closes them all first. Resolves with how many arrived
 * (fewer only if the primary or the helper does not answer within
 * `timeoutMs`, say a primary that does not serve them, or a helper that could
 * not start); the server serves from its own descriptor either way.
 */
export function acceptFromMoreDescriptors(server: Server, count: number, timeoutMs = 2_000): Promise<number> {
  const handle = (server as unknown as { _handle?: NativeHandle | null })._handle;
  if (count <= 0 || !handle || (cluster.isWorker && !process.send)) return Promise.resolve(0);
  const source = cluster.isWorker ? clusterPrimary() : startHelper();
  return receiveDescriptors(server, handle, count, timeoutMs, source);
}

type GrantListener = (message: { type?: string }, granted?: NativeHandle) => void;

/** Where the copies come from: the cluster primary, or a helper process. */
interface DescriptorSource {
  send(message: DescriptorsRequest, handle: NativeHandle): void;
  on(listener: GrantListener): void;
  off(listener: GrantListener): void;
  /** The exchange is over (every copy arrived, or the time ran out). */
  end(): void;
}

/** Asks `source` for `count` copies of `handle` and listens on each one that arrives. */
function receiveDescriptors(
  server: Server,
  handle: NativeHandle,
  count: number,
  timeoutMs: number,
  source: DescriptorSource,
): Promise<number> {
  const extras: Server[] = [];
  closeWith(server, extras);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      source.off(onGrant);
      source.end();
      resolve(extras.length);
    };
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    const onGrant: GrantListener = (message, granted) => {
      if (message?.type !== GRANT || granted === undefined) return;
      if (!server.listening) {
        granted.close();
        return;
      }
      const extra = new Server();
      extra.on('connection', (socket) => server.emit('connection', socket));
      extra.on('error', (error) => server.emit('error', error));
      extra.listen(granted as never);
      extras.push(extra);
      if (extras.length === count) done();
    };
    source.on(onGrant);
    source.send({ type: REQUEST, count }, handle);
  });
}

function clusterPrimary(): DescriptorSource {
  return {
    send: (message, handle) => process.send!(message, handle as never),
    on: (listener) => process.on('message', listener),
    off: (listener) => process.off('message', listener),
    end: () => undefined,
  };
}

// The helper's entry: serveAcceptDescriptorsToParent(), in a process of its own.
const HELPER_ENTRY = join(__dirname, `accept-descriptors.helper.main${extname(__filename)}`);

function startHelper(): DescriptorSource {
  const helper = fork(HELPER_ENTRY, [], {
    // Running from TypeScript sources (tests, scripts): the helper needs the same loader.
    execArgv: extname(HELPER_ENTRY) === '.ts' ? ['-r', '@swc-node/register'] : [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // A helper that cannot start leaves the process with its own descriptor (the timeout resolves).
  helper.on('error', () => undefined);
  helper.unref();
  return {
    send: (message, handle) => {
      if (helper.connected) helper.send(message, handle as never);
    },
    on: (listener) => helper.on('message', listener),
    off: (listener) => helper.off('message', listener),
    end: () => {
      if (helper.connected) helper.disconnect();
    },
  };
}

/** Makes `server.close()` close the extra descriptors first, so that none accepts after it. */
function closeWith(server: Server, extras: Server[]): void {
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const extra of extras.splice(0)) extra.close();
    return close(callback);
  };
}
