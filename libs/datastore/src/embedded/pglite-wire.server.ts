import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@pets/logging';
import {
  readUntypedMessage,
  SIMPLE_QUERY,
  SYNC,
  SYNC_MESSAGE,
  TERMINATE,
  typedMessageLength,
} from './pg-wire.framing';

export interface PgliteWireServerOptions {
  db: PGlite;
  log: Logger;
  host?: string;
  port?: number;
  /** A client that keeps a transaction open this long without a word is cut off. */
  idleInTransactionMs?: number;
}

const FLUSH = 0x48; // 'H'

/**
 * Serves one PGlite database to many PostgreSQL clients over the wire protocol.
 *
 * PGlite is a single backend: every client shares its session. Correctness
 * comes from giving the backend to one client per unit of work (messages up to
 * a Sync or a simple Query) and keeping it with that client for as long as its
 * transaction is open, so no other client's statement ever runs inside it or
 * between its Parse and its Execute. This is what a PostgreSQL backend per
 * connection gives for free, and what a message-by-message multiplexer loses.
 * Session state set outside a transaction (SET, named prepared statements) is
 * shared; the platform's adapters use neither.
 */
export class PgliteWireServer {
  private readonly server: Server;
  private readonly sessions = new Set<WireSession>();
  private readonly waiting: WireSession[] = [];
  private holder?: WireSession;
  private dispatching = false;
  private nextSessionId = 1;

  constructor(private readonly options: PgliteWireServerOptions) {
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.socket.destroy();
    await closed;
    // Let an in-flight unit finish before the caller closes PGlite.
    while (this.dispatching) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  get clientCount(): number {
    return this.sessions.size;
  }

  private accept(socket: Socket): void {
    const session: WireSession = {
      id: this.nextSessionId++,
      socket,
      buffer: Buffer.alloc(0),
      started: false,
      units: [],
      closed: false,
    };
    this.sessions.add(session);
    socket.setNoDelay(true);
    socket.on('data', (data) => this.receive(session, data));
    socket.on('error', (error) =>
      this.options.log.debug({ session: session.id, err: error }, 'client socket error'),
    );
    socket.on('close', () => this.disconnect(session));
  }

  private receive(session: WireSession, data: Buffer): void {
    session.buffer = session.buffer.length === 0 ? data : Buffer.concat([session.buffer, data]);
    this.clearIdleTimer(session);
    if (!session.started && !this.readStartup(session)) return;
    this.readUnits(session);
    if (session.units.length > 0) this.request(session);
  }

  /** Handles the untyped opening messages; returns true once the client speaks typed messages. */
  private readStartup(session: WireSession): boolean {
    for (;;) {
      const message = readUntypedMessage(session.buffer);
      if (!message) return false;
      session.buffer = session.buffer.subarray(message.bytes.length);
      if (message.kind === 'ssl' || message.kind === 'gssenc') {
        session.socket.write('N'); // no encryption on a loopback-only server
        continue;
      }
      if (message.kind === 'startup') {
        session.units.push(Buffer.from(message.bytes));
        session.started = true;
        return true;
      }
      // Cancel requests cannot interrupt a single-threaded backend; unknown codes are refused.
      session.socket.end();
      return false;
    }
  }

  /** Splits buffered bytes into units of work: messages up to a Sync, simple Query or Flush. */
  private readUnits(session: WireSession): void {
    let offset = 0;
    let unitStart = 0;
    for (;;) {
      const length = typedMessageLength(session.buffer.subarray(offset));
      if (length === undefined) break;
      const type = session.buffer[offset];
      offset += length;
      if (type === TERMINATE) {
        session.buffer = Buffer.alloc(0);
        session.socket.end();
        return;
      }
      if (type === SYNC || type === SIMPLE_QUERY || type === FLUSH) {
        session.units.push(Buffer.from(session.buffer.subarray(unitStart, offset)));
        unitStart = offset;
      }
    }
    // Incomplete units wait for the rest of their messages.
    session.buffer = session.buffer.subarray(unitStart);
  }

  private request(session: WireSession): void {
    if (this.holder !== session && !this.waiting.includes(session)) this.waiting.push(session);
    void this.dispatch();
  }

  /**
   * The only place that talks to PGlite. Runs units for the client holding the
   * backend; hands the backend to the next waiting client whenever the holder is
   * between transactions; keeps it for the holder while its transaction is open.
   */
  private async dispatch(): Promise<void> {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (;;) {
        const session = (this.holder ??= this.waiting.shift());
        if (!session) return;
        if (session.closed) {
          await this.resetBackend(session);
          this.holder = undefined;
          continue;
        }
        const unit = session.units.shift();
        if (!unit) {
          if (this.options.db.isInTransaction()) {
            // Mid-transaction and the client has not sent its next statement yet.
            this.armIdleTimer(session);
            return;
          }
          this.holder = undefined;
          continue;
        }
        await this.execute(session, unit);
        if (!this.options.db.isInTransaction()) {
          // Between transactions: let the next client in, and queue behind it.
          this.holder = undefined;
          if (session.units.length > 0 && !session.closed) this.waiting.push(session);
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  private async execute(session: WireSession, unit: Buffer): Promise<void> {
    try {
      await this.options.db.execProtocolRawStream(new Uint8Array(unit), {
        onRawData: (chunk) => {
          if (!session.closed) session.socket.write(chunk);
        },
      });
    } catch (error) {
      this.options.log.error({ session: session.id, err: error }, 'embedded datastore failed a request');
      session.closed = true;
      session.socket.destroy();
    }
  }

  /** A client left mid-exchange or mid-transaction: end both so the next client finds a clean backend. */
  private async resetBackend(session: WireSession): Promise<void> {
    try {
      await this.options.db.execProtocolRaw(new Uint8Array(SYNC_MESSAGE));
      if (this.options.db.isInTransaction()) await this.options.db.exec('ROLLBACK');
    } catch (error) {
      this.options.log.warn(
        { session: session.id, err: error },
        'could not reset the backend after a client left',
      );
    }
  }

  private disconnect(session: WireSession): void {
    session.closed = true;
    this.clearIdleTimer(session);
    this.sessions.delete(session);
    const queued = this.waiting.indexOf(session);
    if (queued !== -1) this.waiting.splice(queued, 1);
    if (this.holder === session) void this.dispatch();
  }

  private armIdleTimer(session: WireSession): void {
    this.clearIdleTimer(session);
    const limit = this.options.idleInTransactionMs ?? 60_000;
    session.idleTimer = setTimeout(() => {
      this.options.log.warn(
        { session: session.id, limitMs: limit },
        'client idle in transaction: disconnecting it',
      );
      session.socket.destroy();
    }, limit);
    session.idleTimer.unref();
  }

  private clearIdleTimer(session: WireSession): void {
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
  }
}

interface WireSession {
  id: number;
  socket: Socket;
  buffer: Buffer;
  started: boolean;
  units: Buffer[];
  closed: boolean;
  idleTimer?: NodeJS.Timeout;
}
