import type { Logger } from '@pets/logging';
import type { DatastoreConnection } from '../datastore.connection';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/**
 * Puts the schema in place (migrations, indexes) and keeps trying while the
 * store is down, so a process started before its datastore becomes ready by
 * itself instead of crash-looping. Closes everything at shutdown.
 */
export class DatastoreLifecycle {
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly connection: DatastoreConnection,
    private readonly setUpSchema: () => Promise<void>,
    private readonly closeAll: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** First attempt, awaited at start-up; on failure, retries continue in the background. */
  async start(): Promise<void> {
    await this.attempt(FIRST_RETRY_MS);
  }

  private async attempt(nextDelayMs: number): Promise<void> {
    if (this.stopped) return;
    try {
      await this.setUpSchema();
      this.connection.markSchemaReady();
      this.log.info({ datastore: this.connection.kind }, 'datastore ready');
    } catch (error) {
      this.log.warn(
        { err: error, retryInMs: nextDelayMs, datastore: this.connection.kind },
        'datastore not ready yet; will retry',
      );
      this.retryTimer = setTimeout(
        () => void this.attempt(Math.min(nextDelayMs * 2, MAX_RETRY_MS)),
        nextDelayMs,
      );
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.connection.guard.shutdown();
    await this.closeAll();
    this.log.info({ datastore: this.connection.kind }, 'datastore connections closed');
  }
}
