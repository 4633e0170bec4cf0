import type { Logger } from '@pets/logging';

export interface Closable {
  close(): Promise<void>;
}

export interface GracefulShutdownOptions {
  log: Logger;
  /** After this long, exit even if something still holds the event loop. */
  deadlineMs: number;
  signals?: NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: close the application once (Nest stops accepting,
 * finishes in-flight work, then runs shutdown hooks that close pools), flush
 * the logs, and let the process end with status 0. Unlike re-raising the
 * signal, this exits only after the last log line is written.
 */
export function closeOnSignals(app: Closable, options: GracefulShutdownOptions): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    options.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      options.log.error({ deadlineMs: options.deadlineMs }, 'shutdown deadline passed: exiting');
      options.log.flush();
      process.exit(1);
    }, options.deadlineMs);
    deadline.unref();
    app.close().then(
      () => {
        options.log.info('shut down cleanly');
        options.log.flush();
        // A cluster worker's IPC channel to its primary would keep the process alive.
        if (process.connected) process.disconnect();
      },
      (error: unknown) => {
        options.log.error({ err: error }, 'error while shutting down');
        options.log.flush();
        process.exitCode = 1;
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
}
